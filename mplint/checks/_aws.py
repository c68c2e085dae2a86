"""Parsers for the AWS strings a spec holds: S3 URLs, bucket names, image URIs, ARNs.

Each parser is total: it returns a result or a reason, never raises, so that a check can
report "why" in its message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mplint.apimodel import per_model_cache
from mplint.apimodel.regions import dns_suffix, dns_suffixes, is_region, unknown_region

# The shape of a region name; whether a partition of the API model knows it is asked of
# mplint/apimodel/regions.py (eusc-de-east-1 is a region of aws-eusc, xx-east-1 of none).
REGION = r"[a-z]{2,}(?:-[a-z]+)+-[0-9]{1,2}"

# --- S3 -----------------------------------------------------------------------------------

# Patterns are strings: `re` compiles each on first use and caches it, so importing the
# checks costs nothing for the rules a run does not reach.

# Virtual-hosted style (bucket.s3.region.amazonaws.com) and path style (s3.region.../bucket),
# with the legacy dash form (s3-region), FIPS (s3-fips.region, s3-fips.dualstack.region),
# dualstack, transfer acceleration, the global endpoint (no region) and the zonal endpoints
# of directory buckets (bucket.s3express-ZONE.region). Amazon S3 endpoints and quotas:
# https://docs.aws.amazon.com/general/latest/gr/s3.html
# The domain is a partition's DNS suffix (amazonaws.com, amazonaws.com.cn, amazonaws.eu...),
# checked against the active API model's partitions.
_S3_HOST = (
    r"^(?:(?P<bucket>.+)\.)?(?:s3"
    r"(?:-accelerate(?:\.dualstack)?|(?:-fips)?(?:\.dualstack)?(?:[.-](?P<region>"
    + REGION
    + r"))?)"
    r"|s3express-(?:control|[a-z0-9]+-az[0-9]+)\.(?P<zonal>" + REGION + r"))"
    r"\.(?P<suffix>[a-z0-9.-]+)\Z"
)
_BUCKET_CHARS = r"^[a-z0-9][a-z0-9.-]*[a-z0-9]\Z"
_IP_ADDRESS = r"^[0-9]{1,3}(?:\.[0-9]{1,3}){3}\Z"
_BUCKET_PREFIXES = {
    "xn--": "it is reserved",
    "sthree-": "it is reserved",
    "amzn-s3-demo-": "it is reserved for the examples of the AWS documentation",
}
# Names S3 reserves for aliases and special buckets, which S3 accepts wherever a bucket name
# is used to read or write objects: an access point alias (-s3alias), an Object Lambda
# access point alias (--ol-s3), a directory bucket (--x-s3), an S3 Tables warehouse
# location (--table-s3), a Multi-Region Access Point (.mrap). No general purpose bucket can
# have these names, but the location is real: not reported.
_ALIAS_SUFFIXES = ("-s3alias", "--ol-s3", "--x-s3", "--table-s3", ".mrap")
# Buckets created in us-east-1 before March 1, 2018 could have names of up to 255
# characters with upper-case letters and underscores (bucketnamingrules.html, Note).
_LEGACY_BUCKET = r"^[A-Za-z0-9][A-Za-z0-9._-]{1,253}[A-Za-z0-9]\Z"


@dataclass(frozen=True, slots=True)
class S3Location:
    bucket: str
    key: str
    region: str | None  # only an https endpoint reveals it


@per_model_cache(maxsize=1024)
def parse_s3_url(url: str) -> S3Location | str:
    """An s3:// or https:// URL as bucket, key and region, or the reason it is not one."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return "it has no scheme; use s3://bucket/key"
    scheme = scheme.lower()
    if scheme == "s3":
        bucket, _, key = rest.partition("/")
        if not bucket:
            return "it has no bucket name after s3://"
        return S3Location(bucket, key, None)
    if scheme != "https":
        return f"the scheme {scheme}:// is not s3:// or https://"
    host, _, path = rest.partition("/")
    host = host.lower()
    match = re.match(_S3_HOST, host)
    region = (match.group("region") or match.group("zonal")) if match else None
    if match is None or not _s3_domain(region, match.group("suffix")):
        return f"the host {host} is not an Amazon S3 endpoint"
    if match.group("bucket"):
        return S3Location(match.group("bucket"), path, region)
    bucket, _, key = path.partition("/")
    if not bucket:
        return "it names no bucket (https://s3.REGION.amazonaws.com/BUCKET/KEY)"
    return S3Location(bucket, key, region)


def _s3_domain(region: str | None, suffix: str) -> bool:
    """Whether `suffix` is the DNS suffix of `region`'s partition (of any, without one)."""
    if region is None:
        return suffix in dns_suffixes()
    return is_region(region) and dns_suffix(region) == suffix


@lru_cache(maxsize=1024)
def bucket_problem(bucket: str) -> str | None:
    """Why `bucket` cannot name an S3 bucket or alias, or None when it can."""
    if bucket.endswith(_ALIAS_SUFFIXES) and re.match(_BUCKET_CHARS, bucket):
        return None  # an access point alias, a directory bucket, ...: see _ALIAS_SUFFIXES
    if not 3 <= len(bucket) <= 63:
        return f"it is {len(bucket)} characters long; bucket names have 3 to 63"
    if not re.match(_BUCKET_CHARS, bucket):
        if bucket.lower() != bucket and re.match(_BUCKET_CHARS, bucket.lower()):
            return "bucket names cannot contain upper-case letters"
        return (
            "bucket names use lower-case letters, digits, dots and hyphens, and start and end"
            " with a letter or digit"
        )
    if ".." in bucket:
        return "bucket names cannot contain two adjacent dots"
    if re.match(_IP_ADDRESS, bucket):
        return "bucket names cannot be formatted as an IP address"
    for prefix, why in _BUCKET_PREFIXES.items():
        if bucket.startswith(prefix):
            return f"bucket names cannot start with '{prefix}' ({why})"
    return None


def legacy_bucket(bucket: str) -> bool:
    """Whether a name that breaks today's rules is one a us-east-1 bucket created before
    March 1, 2018 can have (up to 255 characters, upper-case letters, underscores)."""
    return (
        bucket_problem(bucket) is not None
        and re.match(_LEGACY_BUCKET, bucket) is not None
        and ".." not in bucket
        and re.match(_IP_ADDRESS, bucket) is None
        and not bucket.startswith(tuple(_BUCKET_PREFIXES))
    )


def legacy_features(bucket: str) -> str:
    """What makes a legacy name break today's rules, in words."""
    features = []
    if len(bucket) > 63:
        features.append(f"{len(bucket)} characters")
    if bucket.lower() != bucket:
        features.append("upper-case letters")
    if "_" in bucket:
        features.append("underscores")
    return " and ".join(features) or "its characters"


# --- container images -------------------------------------------------------------------

_HOST = (
    r"(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
)
_PATH_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_IMAGE = (
    rf"^(?P<registry>{_HOST}(?::[0-9]+)?)/"
    rf"(?P<repository>{_PATH_COMPONENT}(?:/{_PATH_COMPONENT})*)"
    r"(?::(?P<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?\Z"
)
_ECR_HOST = (
    r"^(?P<account>[0-9]{12})\.dkr\.ecr(?:-fips)?\.(?P<region>"
    + REGION
    + r")\.(?P<suffix>[a-z0-9.-]+)\Z"
)
_SHA256 = r"^sha256:[0-9a-f]{64}\Z"


@dataclass(frozen=True, slots=True)
class Image:
    registry: str
    repository: str
    tag: str | None
    digest: str | None


@lru_cache(maxsize=1024)
def parse_image(uri: str) -> Image | str:
    """`registry/repository[:tag]` or `registry/repository@digest`, or why it is neither."""
    if "/" not in uri:
        return "it has no registry; write the full registry/repository[:tag] path"
    registry = uri.split("/", 1)[0]
    if "." not in registry and ":" not in registry and registry != "localhost":
        return (
            f"'{registry}' is not a registry host; write the full path, for example"
            " 123456789012.dkr.ecr.us-east-1.amazonaws.com/repository:tag"
        )
    name, at, digest = uri.partition("@")
    if at and not re.match(_SHA256, digest):
        return f"its digest '{digest}' is not sha256: followed by 64 lower-case hex digits"
    match = re.match(_IMAGE, name)
    if match is None:
        return (
            "it is not of the form registry/repository[:tag] or registry/repository@digest"
            " (repository names are lower-case letters, digits and . _ - separators)"
        )
    return Image(match.group("registry"), match.group("repository"), match.group("tag"),
                 digest or None)  # fmt: skip


def claims_ecr(registry: str) -> bool:
    """Whether a registry host looks like it means Amazon ECR."""
    host = registry.lower()
    return (
        ".dkr.ecr" in host
        or host.startswith("dkr.ecr")
        or any(host.endswith("." + suffix) for suffix in dns_suffixes())
    )


def ecr_region(registry: str) -> str | None:
    """The region of a valid ECR registry host, else None."""
    match = re.match(_ECR_HOST, registry.lower())
    if match is None:
        return None
    region = match.group("region")
    return region if dns_suffix(region) == match.group("suffix") else None


def ecr_problem(registry: str) -> str | None:
    """Why an ECR-looking registry host is not a valid ECR host, or None."""
    host = registry.lower()
    if ecr_region(host):
        return None
    account = host.split(".", 1)[0]
    if not re.fullmatch(r"[0-9]{12}", account):
        return f"'{account}' is not a 12-digit AWS account id"
    parts = host.split(".")
    if len(parts) < 4 or parts[1] != "dkr" or parts[2] not in ("ecr", "ecr-fips"):
        return "ECR hosts have the form ACCOUNT.dkr.ecr.REGION.amazonaws.com"
    region = parts[3]
    if not is_region(region):
        return unknown_region(region)
    suffix = dns_suffix(region)
    return f"ECR hosts in {region} have the form ACCOUNT.dkr.ecr.{region}.{suffix}"


# --- ARNs ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Arn:
    partition: str
    service: str
    region: str
    account: str
    resource: str

    @property
    def resource_type(self) -> str:
        return self.resource.split("/", 1)[0] if "/" in self.resource else ""


def parse_arn(text: str) -> Arn | None:
    parts = text.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn":
        return None
    return Arn(parts[1], parts[2], parts[3], parts[4], parts[5])
