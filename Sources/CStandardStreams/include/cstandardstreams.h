#ifndef CSTANDARDSTREAMS_H
#define CSTANDARDSTREAMS_H
#include <stdio.h>

/* C's stdout stream, where Swift's print writes. Swift 6 refuses the C global
   `stdout` itself (shared mutable state); this returns it for fflush and ferror. */
FILE *cstreams_stdout(void);

#endif
