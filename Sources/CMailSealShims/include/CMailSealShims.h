#ifndef CMAILSEALSHIMS_H
#define CMAILSEALSHIMS_H

#include <gpgme.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include "CMailSealShimsCurl.h"

/// gpgme_check_version is a macro that passes a struct offset; Swift cannot call it.
const char *CMailSealShims_gpgme_check_version(const char *required);

/// The OpenSSL stack macros for X509 certificates.
STACK_OF(X509) *CMailSealShims_sk_X509_new_null(void);
int CMailSealShims_sk_X509_push(STACK_OF(X509) *stack, X509 *certificate);
int CMailSealShims_sk_X509_num(const STACK_OF(X509) *stack);
X509 *CMailSealShims_sk_X509_value(const STACK_OF(X509) *stack, int index);
void CMailSealShims_sk_X509_pop_free(STACK_OF(X509) *stack);
void CMailSealShims_sk_X509_free(STACK_OF(X509) *stack);

/// ERR_GET_LIB and ERR_GET_REASON are macros (inline functions in OpenSSL 3).
int CMailSealShims_ERR_GET_LIB(unsigned long code);
int CMailSealShims_ERR_GET_REASON(unsigned long code);

#endif
