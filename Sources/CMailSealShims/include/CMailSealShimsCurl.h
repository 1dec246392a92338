#ifndef CMAILSEALSHIMS_CURL_H
#define CMAILSEALSHIMS_CURL_H

#include <curl/curl.h>

/// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call:
/// one typed entry point per kind of argument.
CURLcode CMailSealShims_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode CMailSealShims_curl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode CMailSealShims_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode CMailSealShims_curl_setopt_write_callback(CURL *handle, curl_write_callback callback);
CURLcode CMailSealShims_curl_setopt_xferinfo_callback(
    CURL *handle, curl_xferinfo_callback callback);
CURLcode CMailSealShims_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode CMailSealShims_curl_getinfo_string(CURL *handle, CURLINFO info, const char **value);

#endif
