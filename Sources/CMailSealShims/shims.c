#include "CMailSealShims.h"

const char *CMailSealShims_gpgme_check_version(const char *required) {
    return gpgme_check_version(required);
}

STACK_OF(X509) *CMailSealShims_sk_X509_new_null(void) { return sk_X509_new_null(); }

int CMailSealShims_sk_X509_push(STACK_OF(X509) *stack, X509 *certificate) {
    return sk_X509_push(stack, certificate);
}

int CMailSealShims_sk_X509_num(const STACK_OF(X509) *stack) { return sk_X509_num(stack); }

X509 *CMailSealShims_sk_X509_value(const STACK_OF(X509) *stack, int index) {
    return sk_X509_value(stack, index);
}

void CMailSealShims_sk_X509_pop_free(STACK_OF(X509) *stack) {
    sk_X509_pop_free(stack, X509_free);
}

void CMailSealShims_sk_X509_free(STACK_OF(X509) *stack) { sk_X509_free(stack); }

int CMailSealShims_ERR_GET_LIB(unsigned long code) { return ERR_GET_LIB(code); }

int CMailSealShims_ERR_GET_REASON(unsigned long code) { return ERR_GET_REASON(code); }
