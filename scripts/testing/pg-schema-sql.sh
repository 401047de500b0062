#!/usr/bin/env bash
# Prints the SQL of the PostgreSQL schema as Sources/ResellerCore/Storage/Postgres/*.swift hold it, for psql,
# without building Swift: each part is a raw string literal (#"""…"""#) with no interpolation.
#   pg-schema-sql.sh init     every part `PostgresSchema.initScript` runs, in its order, but the tax rates
#                             (Store.taxRates is Swift-made; a desk made this way has none until `tax rate`)
#   pg-schema-sql.sh NAME…    the named parts only (preflight, roles, extensions, functions, tables, …)
# Used by pg-privileges-check.sh --init until `resellerdesk storage init` does the same through libpq.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
files=("$here"/Sources/ResellerCore/Storage/Postgres/*.swift)
[ $# -gt 0 ] || { echo "usage: pg-schema-sql.sh init | NAME..." >&2; exit 2; }

# part NAME: the literal `static let NAME = #"""` … `"""#`, its 4-space indentation removed.
part() {
  local out
  out=$(awk -v name="$1" '
    $0 ~ "static let " name " = #\"\"\"$" { inside = 1; found = 1; next }
    inside && /^ *"""#$/ { inside = 0; next }
    inside { sub(/^    /, ""); print }
    END { if (!found) exit 1 }' "${files[@]}") || { echo "pg-schema-sql.sh: no part named $1" >&2; exit 1; }
  printf '%s\n' "$out"
}

if [ "$1" = init ]; then
  # The order is initScript's own list, read from its definition.
  mapfile -t names < <(awk '
    /static var initScript: String/ { inside = 1; next }
    inside && /^    }/ { exit }
    inside { gsub(/[][(),]|\.joined.*/, " "); for (i = 1; i <= NF; i++) print $i }' "${files[@]}")
  [ ${#names[@]} -gt 0 ] || { echo "pg-schema-sql.sh: initScript not found" >&2; exit 1; }
  for name in "${names[@]}"; do
    case "$name" in
      Store.*) echo "-- $name: made by Swift, left out" ;;
      *) part "$name" ;;
    esac
  done
else
  for name in "$@"; do part "$name"; done
fi
