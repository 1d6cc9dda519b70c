#!/bin/sh
# Reproduces the TrueType faces in this folder from Debian 12's packages (see README.md).
# Needs: apt-get (to download the two .deb files; nothing is installed from them), dpkg-deb,
# and python3-fonttools (apt-get install python3-fonttools). Takes about 3 minutes and 1 GB.
# usage: assets/fonts/make-fonts.sh   (from anywhere; writes into assets/fonts/)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download fonts-noto-cjk=1:20220127+repack1-1 texlive-lang-chinese=2022.20230122-1
dpkg-deb -x fonts-noto-cjk_*.deb .
dpkg-deb -x texlive-lang-chinese_*.deb .
noto=usr/share/fonts/opentype/noto
fandol=usr/share/texlive/texmf-dist/fonts/opentype/public/fandol
py=/usr/bin/python3
$py "$here/make-fonts.py" $noto/NotoSerifCJK-Regular.ttc "Noto Serif CJK SC" "$here/noto-serif-sc.ttf" --upem=128
$py "$here/make-fonts.py" $noto/NotoSansCJK-Regular.ttc "Noto Sans CJK SC" "$here/noto-sans-sc.ttf"
$py "$here/make-fonts.py" $fandol/FandolFang-Regular.otf - "$here/fandol-fang.ttf" --gb2312 --max-err=1 --keep-upem # as made before issue 9: its em and outlines unchanged
cd "$here"
sha256sum fandol-fang.ttf noto-sans-sc.ttf noto-serif-sc.ttf # embedded as they are: see assets.go
