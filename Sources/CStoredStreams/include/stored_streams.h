#ifndef CSTOREDSTREAMS_H
#define CSTOREDSTREAMS_H

/// While on (for the calling thread), zlib streams begun with deflateInit() are stored, not
/// compressed (level 0). See stored_streams.c.
void ccr_store_streams(int on);

#endif
