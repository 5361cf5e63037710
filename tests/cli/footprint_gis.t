# footprint's GIS outputs: merged areas at a fine grid, and the GeoTIFF under the output rules
setup: mkdir -p keep/footprint.tif && echo old > keep/footprint.csv && echo old > keep/footprint.geojson
# 0.1 deg over Poland and Romania (25,200 cells): the merged areas are few and small, and each
# class's area is the sum of its cells' areas from the CSV (Snyder's quadrangle on the sphere
# of radius 6371008.8 m; combined over the launch points as footprint.h says)
args: footprint epaa-phase3 --launch semnan --launch tabriz --missile iran-irbm --region 42,12,56,30 --grid-deg 0.1 --out fine --format png --json
exit: 0
json: cells == 25200
check: python3 $BMD_SOURCE_DIR/tests/cli/check_geojson.py fine/footprint.geojson summary=1 area=5 launch=2
check: python3 $BMD_SOURCE_DIR/tests/cli/check_footprint_areas.py fine
check: test $(stat -c %s fine/footprint.geojson) -lt 1000000 && test $(wc -l < fine/footprint.csv) -eq 50401

# an output folder whose footprint.tif is a folder: refused at the commit (exit 2), and no file
# of the set is replaced (whole or nothing)
args: footprint epaa-phase3 --launch semnan --missile iran-irbm --region 42,12,56,30 --grid-deg 2 --out keep --format png
exit: 2
stderr: keep/footprint.tif: is a directory
check: test "$(cat keep/footprint.csv)" = old && test "$(cat keep/footprint.geojson)" = old && test -d keep/footprint.tif && test ! -e keep/footprint.png

