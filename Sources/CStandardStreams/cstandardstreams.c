#include "cstandardstreams.h"

FILE *cstreams_stdout(void) { return stdout; }
