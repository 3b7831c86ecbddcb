# Sourced by the scripts that drive headless Chromium: sets `browser` to its path, installing
# Debian's chromium first when it is missing (needs root or sudo, and apt).
browser=""
for name in chromium chromium-browser; do
    if command -v "$name" >/dev/null 2>&1; then
        browser=$(command -v "$name")
        break
    fi
done
if [[ -z $browser ]]; then
    echo "installing Debian's chromium" >&2
    sudo=""
    if [[ $(id -u) -ne 0 ]]; then
        sudo="sudo"
    fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get -o DPkg::Lock::Timeout=300 update -qq
    $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends chromium >/dev/null
    browser=$(command -v chromium)
fi
