package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// badCase is one line of testdata/bad/cases.tsv: a data file, the exit code check and build
// must both give, and what the message must say (the field as the form labels it, or where
// in the file).
type badCase struct {
	file, want, note string
	code             int
}

func badCases(t *testing.T) []badCase {
	t.Helper()
	fh, err := os.Open("testdata/bad/cases.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var cases []badCase
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") || sc.Text() == "" {
			continue
		}
		col := strings.Split(sc.Text(), "\t")
		if len(col) != 4 {
			t.Fatalf("cases.tsv: bad line %q", sc.Text())
		}
		code, err := strconv.Atoi(col[1])
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, badCase{filepath.Join("testdata/bad", col[0]), col[2], col[3], code})
	}
	return cases
}

// The bad-input corpus (issue 6 items 7–17, issue 10 item 7): check and build agree on every
// file, the exit code is the expected one, the message is Chinese and says which field (or
// where in the file), no control character reaches the terminal, and a refused build writes
// nothing under --out.
func TestBadInputCorpus(t *testing.T) {
	cases := badCases(t)
	dir := t.TempDir()
	cases = append(cases, specialFiles(t, dir)...)
	for _, c := range cases {
		t.Run(filepath.Base(c.file), func(t *testing.T) {
			code, out, errOut := dossierCmd(t, "check", id, c.file)
			all := out + errOut
			if code != c.code || !strings.Contains(all, c.want) {
				t.Fatalf("%s: check exit %d, want %d with %q:\n%s", c.note, code, c.code, c.want, clipText(all))
			}
			assertClean(t, all)
			if c.code == 0 && !strings.HasPrefix(filepath.Base(c.file), "00") && !strings.Contains(c.file, "crlf") {
				return // accepted variants: the demo's own build below stands for them
			}
			outDir := filepath.Join(dir, "out-"+filepath.Base(c.file))
			bcode, bout, berr := dossierCmd(t, "build", id, c.file, "--out", outDir)
			if bcode != c.code {
				t.Fatalf("check exit %d but build exit %d:\n%s", code, bcode, clipText(bout+berr))
			}
			if c.code == 0 {
				if _, err := os.Stat(filepath.Join(outDir, "manifest.json")); err != nil {
					t.Errorf("accepted build wrote no package: %v", err)
				}
			} else {
				if _, err := os.Lstat(outDir); !os.IsNotExist(err) {
					t.Errorf("refused build wrote %s", outDir)
				}
				if !strings.Contains(bout+berr, c.want) {
					t.Errorf("build does not say %q:\n%s", c.want, clipText(bout+berr))
				}
			}
		})
	}
}

// specialFiles are the inputs git cannot hold: a folder, a FIFO, a link to /dev/zero, a file
// over the size limit (issue 6 item 15).
func specialFiles(t *testing.T, dir string) []badCase {
	folder := filepath.Join(dir, "folder.json")
	fifo := filepath.Join(dir, "fifo.json")
	zero := filepath.Join(dir, "zero.json")
	big := filepath.Join(dir, "big.json")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	cases := []badCase{
		{folder, "是文件夹", "15: a folder", 2},
		{"/dev/zero", "是设备文件", "15: /dev/zero", 2},
		{big, "文件过大", "15: over 16 MB", 2},
	}
	if err := os.WriteFile(big, make([]byte, 17<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := mkfifo(fifo); err == nil {
		cases = append(cases, badCase{fifo, "是管道（FIFO）", "15: a FIFO (no hang)", 2})
	}
	if err := os.Symlink("/dev/zero", zero); err == nil {
		cases = append(cases, badCase{zero, "是设备文件", "15: a link to /dev/zero", 2})
	}
	return cases
}

// assertClean fails on control or formatting characters in what reaches the terminal
// (escape injection) and on English Go error text.
func assertClean(t *testing.T, s string) {
	t.Helper()
	for _, c := range s {
		if (unicode.IsControl(c) && c != '\n' && c != '\t') || unicode.Is(unicode.Cf, c) || c == '\u2028' {
			t.Errorf("output carries U+%04X", c)
			return
		}
	}
	for _, en := range []string{"invalid character", "is a directory", "unexpected end", "cannot unmarshal", "looking for"} {
		if strings.Contains(s, en) {
			t.Errorf("English error text %q in output", en)
		}
	}
}

func clipText(s string) string {
	if r := []rune(s); len(r) > 1500 {
		return string(r[:1500]) + "…"
	}
	return s
}
