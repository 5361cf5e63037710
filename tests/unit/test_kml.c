/*
 * test_kml.c - the KML writer (kml.h):
 *  - names with XML's special characters, quotes, newlines, CR, tabs and non-ASCII text are
 *    read back exactly by an XML parser (libxml2's reader, a separate code path from its
 *    writer; tests/cli/hostile_writers.py reads the same with Python's xml.etree);
 *  - what XML 1.0 cannot carry (C0 controls other than TAB/LF/CR, U+FFFE, malformed UTF-8)
 *    becomes U+FFFD and the document stays well-formed;
 *  - coordinates are printf's "%.*f" text, times ISO 8601 with milliseconds;
 *  - a full disk (/dev/full) is reported with errno ENOSPC.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <bmd/kml.h>

#include "check.h"

/* the text of every <name> element, in document order, joined by '|' */
static void names(xmlNode *n, char *out, size_t cap) {
  for (; n; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "name") == 0) {
      xmlChar *t = xmlNodeGetContent(n);
      size_t u = strlen(out);
      snprintf(out + u, cap - u, "%s|", (const char *)t);
      xmlFree(t);
    }
    names(n->children, out, cap);
  }
}

int main(void) {
  static const char *const hostile[] = {"K,1", "K\"2", "<K3>&amp;", "K'4", "K\n5", "K\xc3\xbcrecik", "=cmd",
                                        "cr\rx", "tab\tx", "]]>"};
  char *buf = NULL, got[4096] = "", want[4096] = "";
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  struct bmd_kml *k = bmd_kml_open(fp, "doc <&> \"name\"");
  const double t[2] = {1262304000.0, 1262304000.25}, lon[2] = {18.5, -0.123456789}, lat[2] = {54.5, 51.0},
               alt[2] = {0.0, 123456.7};
  CHECK(k != NULL);
  CHECK_INT_EQ(bmd_kml_style(k, "threat", "ff0000ff", 2, NULL), 0);
  for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
    CHECK_INT_EQ(bmd_kml_point(k, hostile[i], 18.0, 54.0, 5), 0);
    size_t u = strlen(want);
    snprintf(want + u, sizeof want - u, "%s|", hostile[i]);
  }
  CHECK_INT_EQ(bmd_kml_track(k, "bell\x07 and \xff", "threat", 2, t, lon, lat, alt, 5, 1), 0);
  CHECK_INT_EQ(bmd_kml_close(k), 0);
  fclose(fp);
  {
    xmlDoc *doc = xmlReadMemory(buf, (int)len, "t.kml", NULL, XML_PARSE_NONET);
    CHECK(doc != NULL);
    if (doc) {
      names(xmlDocGetRootElement(doc), got, sizeof got);
      xmlFreeDoc(doc);
    }
    /* document name, the hostile names in order, the track's name with U+FFFD twice */
    {
      char all[4096];
      snprintf(all, sizeof all, "doc <&> \"name\"|%sbell\xef\xbf\xbd and \xef\xbf\xbd|", want);
      if (strcmp(got, all) != 0) {
        check_failures_++;
        fprintf(stderr, "names: want [%s]\n         got [%s]\n", all, got);
      }
      check_count_++;
    }
  }
  CHECK(strstr(buf, "<gx:coord>-0.12346 51.00000 123456.7</gx:coord>") != NULL);
  CHECK(strstr(buf, "<when>2010-01-01T00:00:00.250Z</when>") != NULL);
  CHECK(strstr(buf, "<coordinates>18.00000,54.00000,0</coordinates>") != NULL);
  CHECK(strncmp(buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\"", 82) == 0);
  free(buf);

  /* bmd_kml_text alone */
  {
    char o[64];
    CHECK_INT_EQ(bmd_kml_text(o, sizeof o, "a\x01" "b\xef\xbf\xbe" "c"), 9);
    CHECK(strcmp(o, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c") == 0);
    CHECK_INT_EQ(bmd_kml_text(o, 3, "ab\xc3\xbc"), 4);   /* truncated at a whole character */
    CHECK(strcmp(o, "ab") == 0);
  }

  /* a full disk */
  fp = fopen("/dev/full", "w");
  if (fp) {
    k = bmd_kml_open(fp, "x");
    for (int i = 0; i < 3000; i++) bmd_kml_point(k, "a point with a name", 1.0, 2.0, 5);
    errno = 0;
    CHECK_INT_EQ(bmd_kml_close(k), -1);
    CHECK_INT_EQ(errno, ENOSPC);
    fclose(fp);
  }
  xmlCleanupParser();
  return check_report("test_kml");
}
