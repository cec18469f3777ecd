#!/usr/bin/env bash
# Runs every test project from a fresh machine and ends with one line: "N passed, N failed".
# On Debian/Ubuntu it installs the system Chromium the browser tests drive (no browser downloads);
# elsewhere, point PLAYWRIGHT_CHROMIUM_EXECUTABLE at a Chromium or Chrome binary.
set -uo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

chromium="${PLAYWRIGHT_CHROMIUM_EXECUTABLE:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
    if command -v apt-get >/dev/null 2>&1; then
        echo "Installing Debian's chromium for the browser tests..."
        sudo_cmd=""
        if [ "$(id -u)" != "0" ]; then sudo_cmd="sudo"; fi
        $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null \
            || echo "Could not install chromium; the browser tests will fail and say how to provide one."
    else
        echo "No Chromium at $chromium and no apt-get: set PLAYWRIGHT_CHROMIUM_EXECUTABLE to a Chromium binary."
    fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null || { echo "dotnet tool restore failed"; echo "0 passed, 1 failed"; exit 1; }
if ! dotnet build NPCS.Reviews.sln -warnaserror -nologo -v q; then
    echo "Build failed."
    echo "0 passed, 1 failed"
    exit 1
fi

results="$root/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"
passed=0
failed=0
status=0
for project in tests/NPCS.Reviews.Tests tests/NPCS.Reviews.Web.Tests tests/NPCS.Reviews.BrowserTests; do
    name="$(basename "$project")"
    dotnet test "$project" --no-build --nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
    trx="$results/$name.trx"
    if [ -f "$trx" ]; then
        counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
        p="$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')"
        f="$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')"
        passed=$((passed + ${p:-0}))
        failed=$((failed + ${f:-0}))
        # A project that ran no test at all counts as a failure: tests must never silently vanish.
        if [ "${p:-0}" = "0" ] && [ "${f:-0}" = "0" ]; then failed=$((failed + 1)); status=1; fi
    else
        echo "$name produced no results."
        failed=$((failed + 1))
        status=1
    fi
done

# What the security, reliability and performance tests measured (issues 5 and 7), from their output in the TRX files.
evidence="$(grep -hoE '[0-9]+ cases \(request x subject x ownership\) ran: [0-9]+ requests|[0-9]+ POSTs without a token, over [0-9]+ form handlers|[0-9]+ responses carried the security headers; [0-9]+ did not|[0-9]+ id-taking requests sent with Other County.s ids|[0-9]+ hostile inputs tried on [0-9]+ forms|[0-9]+ parallel (need )?edits: [0-9]+ saved, [0-9]+ refused|[A-Za-z]+: a failure injected at each of its [0-9]+ writes left no partial state|[0-9]+ writes acknowledged, [0-9]+ present after the kill \([0-9]+ attempted\)|[0-9]+ requests counted: max [0-9]+ SQL commands per request' "$results"/*.trx 2>/dev/null)"
if [ -n "$evidence" ]; then
    echo "Measured by the tests:"
    echo "$evidence" | sed 's/^/  /'
fi

if [ "$failed" -gt 0 ]; then status=1; fi
echo "$passed passed, $failed failed"
exit $status
