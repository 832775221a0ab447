# Throwaway PostgreSQL servers on 127.0.0.1 for the tests, in folders of
# the repository. Source this file, then:
#   postgres_start DIR [VARIABLE]
#                        installs Debian's postgresql if needed, starts a
#                        server with its data in DIR, and exports VARIABLE
#                        (CONNECTORS_TEST_POSTGRES unless given: a URL with a
#                        fresh password) and VARIABLE_SOCKET (the folder of
#                        its Unix socket, for a test that must reach it
#                        after its pg_hba.conf refuses plaintext TCP)
#   postgres_stop        stops every server postgres_start started
# As root, a server runs as the postgres user; if that user cannot reach
# DIR (a checkout under /root, say), the data goes to a temporary folder
# that postgres_stop removes.

# The servers started: "DIR" or "DIR:temporary", one per entry.
POSTGRES_SERVERS=()

postgres_bin() {
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [[ -z "$bin" ]]; then
        echo "Installing Debian's postgresql package for the PostgreSQL store's tests..." >&2
        if [[ $(id -u) -ne 0 ]]; then
            echo "error: PostgreSQL is not installed and this user cannot install it; run: sudo apt-get install -y postgresql" >&2
            return 1
        fi
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -q --no-install-recommends postgresql >&2 ||
            { apt-get update -q >&2 && apt-get install -y -q --no-install-recommends postgresql >&2; }
        bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    echo "$bin"
}

# Runs a command as the server's owner: initdb and postgres refuse root.
postgres_as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

postgres_start() {
    local dir=$1 variable=${2:-CONNECTORS_TEST_POSTGRES} bin port password temporary=
    bin=$(postgres_bin)
    # A server left running in DIR by an earlier run that did not stop it.
    postgres_stop_dir "$dir" 2>/dev/null || true
    rm -rf "$dir"
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres "$dir"
        if ! runuser -u postgres -- test -w "$dir"; then
            rmdir "$dir"
            dir=$(mktemp -d /tmp/connectors-postgres.XXXXXX)
            temporary=1
        fi
    fi
    POSTGRES_SERVERS+=("$dir${temporary:+:temporary}")
    password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    printf '%s\n' "$password" >"$dir/password"
    if [[ $(id -u) -eq 0 ]]; then
        chown -R postgres "$dir"
    fi
    postgres_as_owner "$bin/initdb" -D "$dir/data" -U connectors --pwfile="$dir/password" \
        --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; return 1; }
    postgres_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200" start >&2 ||
        { cat "$dir/server.log" >&2; return 1; }
    export "$variable=postgres://connectors:$password@127.0.0.1:$port/postgres"
    export "${variable}_SOCKET=$dir"
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') is listening on 127.0.0.1:$port (data in $dir/data)" >&2
}

# Stops the server with its data in DIR/data, if one runs there.
postgres_stop_dir() {
    local dir=$1 bin
    [[ -n "$dir" && -d "$dir/data" ]] || return 0
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    postgres_as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}

postgres_stop() {
    local server
    for server in "${POSTGRES_SERVERS[@]}"; do
        postgres_stop_dir "${server%:temporary}"
        if [[ "$server" == *:temporary ]]; then
            rm -rf "${server%:temporary}"
        fi
    done
    POSTGRES_SERVERS=()
}
