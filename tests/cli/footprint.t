# footprint: Poland and Romania on a 2-degree grid against an IRBM from Semnan
args: footprint epaa-phase3 --launch semnan --missile iran-irbm --region 42,12,56,30 --grid-deg 2 --out fp --report fprep --json
exit: 0
json: missile == "iran-irbm"
json: cells == 63
json: launches.0.launch == "semnan"
json: launches.0.cells_threatened == 63
json: combined.cells_defended >= 40
# what the answer rests on: the footprint's missile and launch point, not the scenario's raid
check: python3 -c "import json; d=json.load(open('fp/footprint.json')); e={x['entry'] for x in d['catalog_entries']}; assert {'iran-irbm','semnan','sm-3-iia','sm-3-ib','tpy-2'} <= e and 'shahab-3' not in e, e; assert not any(x['field'].startswith('threats') for x in d['assumptions'])"
check: BMD_FIGURES=1 python3 $SRC/tests/cli/check_figures.py html fprep/report.html "Assumptions and sources" "iran-irbm" "References"
check: python3 -c "import json; c=json.load(open('fp/footprint.json'))['combined']; assert c['cells_shoot_look_shoot'] <= c['cells_defended'] <= c['cells_threatened'] and c['cells_defended'] <= c['cells_kinematic_reach'] + 63, c"
# one measure: defended_fraction is the area ratio, stated; per-site counts per launch point
check: python3 -c "import json; d=json.load(open('fp/footprint.json')); c=d['combined']; assert abs(c['defended_fraction'] - c['area_defended_km2'] / c['area_threatened_km2']) < 1e-6, c; assert d['defended_fraction_basis'].startswith('area'); assert 'cells_engageable_by_site' not in d; b=d['launches'][0]['by_site']; assert sorted(b) == ['deveselu', 'med-ship', 'redzikowo'] and all(v['cells_engageable'] <= v['cells_kinematic_reach'] + 63 and v['cells_engageable'] <= c['cells_threatened'] for v in b.values()), b"
check: python3 -c "import json, re, html; d=json.load(open('fp/footprint.json')); t=html.unescape(open('fprep/report.html').read()); m=re.search(r'(\\d+)% of the threatened area', t); assert m and int(m.group(1)) == round(100 * d['combined']['defended_fraction']), m and m.group(0)"
file: fp/footprint.csv
file: fp/footprint.geojson
file: fp/footprint.tif
file: fp/footprint.png
file: fp/footprint.svg
file: fprep/report.html
check: python3 $BMD_SOURCE_DIR/tests/cli/check_geojson.py fp/footprint.geojson summary=1 area=1 site=3 launch=1
# the per-cell values in a GeoTIFF (little-endian TIFF; read back with GDAL in test_footprintgis)
check: python3 -c "b=open('fp/footprint.tif','rb').read(4); assert b in (b'II*\x00', b'II+\x00'), b"
check: test ! -e fp/footprint.tif.aux.xml && ! ls fp | grep -q tmp
check: head -1 fp/footprint.csv | grep -q '^launch,lat_deg,lon_deg,status,range_km'
check: test $(wc -l < fp/footprint.csv) -eq 64
check: python3 $BMD_SOURCE_DIR/tests/cli/check_figures.py png 1500 1100 fp/footprint.png
check: python3 $BMD_SOURCE_DIR/tests/cli/check_figures.py svg fp/footprint.svg
check: BMD_FIGURES=1 python3 $BMD_SOURCE_DIR/tests/cli/check_figures.py html fprep/report.html "what does it defend" "Assumptions"

# two launch points combine: the area defended against both is no larger than against either
args: footprint epaa-phase3 --launch semnan --launch tabriz --missile iran-irbm --region 42,12,56,30 --grid-deg 2 --out fp2 --json
exit: 0
json: launches.1.launch == "tabriz"
check: python3 -c "import json; d=json.load(open('fp2/footprint.json')); c=d['combined']['cells_defended']; assert all(c <= l['cells_defended'] for l in d['launches']), d"

# bad input: one line, exit 2, nothing written
args: footprint epaa-phase3 --grid-deg 0 --out bad1
exit: 2
stderr-lines: 1
stderr: --grid-deg: '0' must be a number from 0.05 to 10
nofile: bad1
args: footprint epaa-phase3 --region 50,10,40,20 --out bad2
exit: 2
stderr: --region
nofile: bad2
args: footprint epaa-phase3 --launch atlantis
exit: 2
stderr: --launch: unknown site 'atlantis'
args: footprint epaa-phase3 --missile sm-3-iia
exit: 2
stderr: --missile: unknown threat missile 'sm-3-iia'
args: footprint --help
exit: 0
stdout: usage: bmdsim footprint
