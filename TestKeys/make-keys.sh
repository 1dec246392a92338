#!/usr/bin/env bash
# Regenerates every committed test key and certificate in TestKeys/openpgp and
# TestKeys/smime. These are TEST keys: their secrets are public on purpose.
#
# Uses only `gpg` and `openssl`. All GnuPG state lives in a temporary GNUPGHOME
# that is removed on exit, so ~/.gnupg is never read or written.
#
# Usage: TestKeys/make-keys.sh    (from anywhere; output goes next to this script)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
pgp_dir="$here/openpgp"
smime_dir="$here/smime"

# Short path under /tmp: gpg-agent's socket path has a length limit.
work="$(mktemp -d /tmp/mailseal-keys.XXXXXX)"
export GNUPGHOME="$work/gnupg"
mkdir -m 0700 "$GNUPGHOME"
# No web of trust is needed to make keys; this also keeps gpg from rebuilding its trustdb.
echo "trust-model always" >"$GNUPGHOME/gpg.conf"

cleanup() {
    gpgconf --kill gpg-agent >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

# Start from empty output folders so a re-run leaves no stale files behind.
rm -rf "$pgp_dir" "$smime_dir"
mkdir -p "$pgp_dir" "$smime_dir"
umask 077

# MARK: - OpenPGP

gpg_batch=(gpg --batch --quiet --no-tty --pinentry-mode loopback)

# Prints the primary key fingerprint of the only key whose user ID has address $1.
fingerprint_of() {
    gpg --batch --with-colons --list-keys "<$1>" \
        | awk -F: '$1 == "fpr" { print $10; exit }'
}

# Makes a primary key and one encryption subkey for NAME, protected by NAME-passphrase.
# Arguments: name, display name, primary algorithm, subkey algorithm, expiry,
# then any extra gpg options (used for --faked-system-time).
make_pgp_key() {
    local name="$1" display="$2" primary="$3" subkey="$4" expiry="$5"
    shift 5
    local passphrase="$name-passphrase"
    local address="$name@example.org"

    "${gpg_batch[@]}" "$@" --passphrase "$passphrase" \
        --quick-gen-key "$display <$address>" "$primary" sign,cert "$expiry"

    local fpr
    fpr="$(fingerprint_of "$address")"
    "${gpg_batch[@]}" "$@" --passphrase "$passphrase" \
        --quick-add-key "$fpr" "$subkey" encr "$expiry"
}

# Writes NAME.pub.asc and NAME.sec.asc (the secret still under its passphrase).
export_pgp_key() {
    local name="$1"
    local fpr
    fpr="$(fingerprint_of "$name@example.org")"

    "${gpg_batch[@]}" --armor --export "$fpr" >"$pgp_dir/$name.pub.asc"
    "${gpg_batch[@]}" --passphrase "$name-passphrase" --armor \
        --export-secret-keys "$fpr" >"$pgp_dir/$name.sec.asc"
    chmod 0644 "$pgp_dir/$name.pub.asc"
    chmod 0600 "$pgp_dir/$name.sec.asc"
    printf '%s %s\n' "$name@example.org" "$fpr" >>"$pgp_dir/fingerprints.txt"
}

make_pgp_key alice "Alice Example" ed25519 cv25519 never
make_pgp_key bob "Bob Example" rsa3072 rsa3072 never
make_pgp_key carol "Carol Example" ed25519 cv25519 never

# Created two years ago with a one-year lifetime, so primary and subkey are expired now.
two_years_ago="$(( $(date -u +%s) - 2 * 365 * 86400 ))"
make_pgp_key expired "Expired Example" ed25519 cv25519 1y \
    --faked-system-time "$two_years_ago"

# gpg writes a revocation certificate for every new key; its armor line is
# prefixed with ':' so that it cannot be imported by accident. Strip it and import.
make_pgp_key revoked "Revoked Example" ed25519 cv25519 never
revoked_fpr="$(fingerprint_of revoked@example.org)"
sed 's/^:-----BEGIN/-----BEGIN/' "$GNUPGHOME/openpgp-revocs.d/$revoked_fpr.rev" \
    >"$work/revoked.rev"
"${gpg_batch[@]}" --import "$work/revoked.rev"

for name in alice bob carol expired revoked; do
    export_pgp_key "$name"
done
chmod 0644 "$pgp_dir/fingerprints.txt"

# MARK: - S/MIME

# Throwaway `openssl ca` configuration; the database and serial of each CA live in
# $work/ca-NAME. `openssl ca` is used (not `x509 -req`) because OpenSSL 3.0 has no
# way to give explicit notBefore/notAfter dates to `x509 -req`.
cat >"$work/ca.cnf" <<'EOF'
[ca]
default_ca = ca_default

[ca_default]
dir = $ENV::CA_DIR
database = $dir/index.txt
serial = $dir/serial
new_certs_dir = $dir/new
default_md = sha256
policy = policy_any
unique_subject = no
email_in_dn = yes
copy_extensions = none

# The subject's RDNs come out in this order (the config's `preserve` is ignored by
# OpenSSL 3.0): organization first, so RFC 4514 strings read "CN=...,O=...".
[policy_any]
organizationName = optional
commonName = supplied
emailAddress = optional

[req]
distinguished_name = req_dn
prompt = no
string_mask = utf8only

[req_dn]

[ext_ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[ext_rsa_user]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = emailProtection
subjectAltName = email:$ENV::USER_EMAIL
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[ext_ec_user]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyAgreement
extendedKeyUsage = emailProtection
subjectAltName = email:$ENV::USER_EMAIL
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF

# The long validity period of every certificate that is meant to be valid.
valid_from=20250101000000Z
valid_until=20450101000000Z

# Writes an unencrypted PKCS#8 PEM key to $1; $2 is rsa or ec.
make_private_key() {
    local path="$1" kind="$2"
    if [ "$kind" = rsa ]; then
        openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$path"
    else
        openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
            -pkeyopt ec_param_enc:named_curve -out "$path"
    fi
    chmod 0600 "$path"
}

# Prepares an empty database for the CA named $1.
init_ca_db() {
    mkdir -p "$work/ca-$1/new"
    : >"$work/ca-$1/index.txt"
    echo 1000 >"$work/ca-$1/serial"
}

# Makes a self-signed CA: name, subject.
make_ca() {
    local name="$1" subject="$2"
    init_ca_db "$name"
    make_private_key "$smime_dir/$name.key" rsa
    CA_DIR=unused USER_EMAIL=unused openssl req -config "$work/ca.cnf" -new \
        -key "$smime_dir/$name.key" -subj "$subject" -out "$work/$name.csr"
    CA_DIR="$work/ca-$name" USER_EMAIL=unused openssl ca -config "$work/ca.cnf" \
        -batch -notext -selfsign -keyfile "$smime_dir/$name.key" \
        -in "$work/$name.csr" -out "$smime_dir/$name.crt" -extensions ext_ca \
        -startdate "$valid_from" -enddate "$valid_until" 2>/dev/null
    chmod 0644 "$smime_dir/$name.crt"
}

# Makes a user certificate signed by a CA.
# Arguments: file name, key kind (rsa|ec), subject, email, issuing CA, start, end.
make_user_cert() {
    local name="$1" kind="$2" subject="$3" email="$4" ca="$5" start="$6" end="$7"
    make_private_key "$smime_dir/$name.key" "$kind"
    CA_DIR=unused USER_EMAIL="$email" openssl req -config "$work/ca.cnf" -new \
        -key "$smime_dir/$name.key" -subj "$subject" -out "$work/$name.csr"
    CA_DIR="$work/ca-$ca" USER_EMAIL="$email" openssl ca -config "$work/ca.cnf" \
        -batch -notext -cert "$smime_dir/$ca.crt" -keyfile "$smime_dir/$ca.key" \
        -in "$work/$name.csr" -out "$smime_dir/$name.crt" -extensions "ext_${kind}_user" \
        -startdate "$start" -enddate "$end" 2>/dev/null
    openssl x509 -in "$smime_dir/$name.crt" -outform DER -out "$smime_dir/$name.der"
    chmod 0644 "$smime_dir/$name.crt" "$smime_dir/$name.der"
}

# Bundles NAME's key, certificate and the test CA; password NAME-passphrase.
# OpenSSL 3 defaults give PBES2 with AES-256-CBC and an HMAC-SHA-256 MAC.
make_p12() {
    local name="$1" display="$2"
    openssl pkcs12 -export -inkey "$smime_dir/$name.key" -in "$smime_dir/$name.crt" \
        -certfile "$smime_dir/ca.crt" -name "$display" \
        -passout "pass:$name-passphrase" -out "$smime_dir/$name.p12"
    chmod 0600 "$smime_dir/$name.p12"
}

make_ca ca "/O=MailSeal Test/CN=MailSeal Test CA"

make_user_cert alice rsa "/CN=Alice Example/emailAddress=alice@example.org" \
    alice@example.org ca "$valid_from" "$valid_until"
make_user_cert bob ec "/CN=Bob Example/emailAddress=bob@example.org" \
    bob@example.org ca "$valid_from" "$valid_until"
make_user_cert carol rsa "/CN=Carol Example/emailAddress=carol@example.org" \
    carol@example.org ca "$valid_from" "$valid_until"
make_user_cert expired rsa "/CN=Expired Example/emailAddress=expired@example.org" \
    expired@example.org ca 20200101000000Z 20210101000000Z

# Valid chain, but the certificate names someone other than the sender.
make_user_cert wrongname rsa "/CN=Mallory Example/emailAddress=mallory@example.net" \
    mallory@example.net ca "$valid_from" "$valid_until"

# A second CA that no test trusts, and a user certificate issued by it.
make_ca other-ca "/O=Elsewhere Test/CN=Other Untrusted Test CA"
make_user_cert stranger rsa "/CN=Stranger Example/emailAddress=stranger@example.org" \
    stranger@example.org other-ca "$valid_from" "$valid_until"

make_p12 alice "Alice Example"
make_p12 bob "Bob Example"

echo "Test keys written to $pgp_dir and $smime_dir"
