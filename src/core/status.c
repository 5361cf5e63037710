/* status.c - messages and names of the libbmd status codes (status.h). */
#include <bmd/status.h>

const char *bmd_strerror(int status) {
  switch (status) {
#define BMD_X_(name, code, msg) case code: return msg;
    BMD_STATUS_MAP(BMD_X_)
#undef BMD_X_
  }
  return "unknown status";
}

const char *bmd_errname(int status) {
  switch (status) {
#define BMD_X_(name, code, msg) case code: return #name;
    BMD_STATUS_MAP(BMD_X_)
#undef BMD_X_
  }
  return "UNKNOWN";
}
