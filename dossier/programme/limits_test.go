package programme_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"dossier/dossier/programme"
)

// An alias bomb (each anchor holds nine aliases of the one before: 9^9 strings once
// expanded) is refused before anything is expanded.
func TestAliasBombRefused(t *testing.T) {
	var b strings.Builder
	b.WriteString("format: 1\nid: x\ntitle: t\nsource: &a0 \"lol\"\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "notice%d: &a%d [", i, i)
		for j := 0; j < 9; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	_, err := programme.Parse("x.yaml", []byte(b.String()), nil)
	if err == nil || !strings.Contains(err.Error(), "锚点 &a2 中不能再引用别名") {
		t.Fatalf("alias bomb: %v", err)
	}
	// Plain aliases (one list of options used twice) still work, up to a hundred per file.
	var many strings.Builder
	many.WriteString("format: 1\nid: x\ntitle: &t t\nsections:\n  - id: s\n    title: s\n    fields:\n")
	for i := 0; i < 101; i++ {
		fmt.Fprintf(&many, "      - {id: f%d, label: *t, type: text}\n", i)
	}
	_, err = programme.Parse("x.yaml", []byte(many.String()), nil)
	if err == nil || !strings.Contains(err.Error(), "别名（*）用得太多") {
		t.Fatalf("101 aliases: %v", err)
	}
}

// 200 KB of nested "[" is refused at the first level too deep, without recursing into it.
func TestDeepNestingRefused(t *testing.T) {
	src := "format: 1\nid: x\ntitle: " + strings.Repeat("[", 200<<10) + "\n"
	_, err := programme.Parse("x.yaml", []byte(src), nil)
	if err == nil || !strings.Contains(err.Error(), "x.yaml:3:48: 嵌套超过 40 层") {
		t.Fatalf("deep nesting: %v", err)
	}
}

// A template larger than fsafe.MaxTemplateFile is refused with its size.
func TestHugeTemplateRefused(t *testing.T) {
	huge := fstest.MapFS{"x.yaml": {Data: []byte("format: 1\n# " + strings.Repeat("x", 3<<20) + "\n")}}
	_, err := programme.LoadSet(huge)
	if err == nil || !strings.Contains(err.Error(), "x.yaml: 无法读取模板：文件过大") {
		t.Fatalf("huge template: %v", err)
	}
}

// A template that is a link to /dev/zero is refused, not read until memory runs out.
func TestDevZeroTemplateRefused(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	dir := t.TempDir()
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.yaml")); err != nil {
		t.Skip(err)
	}
	_, err := programme.LoadSet(os.DirFS(dir))
	if err == nil || !strings.Contains(err.Error(), "zero.yaml: 无法读取模板：不是普通文件：是设备文件") {
		t.Fatalf("/dev/zero: %v", err)
	}
}

// BenchmarkParseLongLine: the pre-parse scans stay linear on a 1 MB line.
func BenchmarkParseLongLine(b *testing.B) {
	src := []byte("format: 1\nid: x\ntitle: " + strings.Repeat("长", 1<<18) + "\n")
	for b.Loop() {
		programme.Parse("x.yaml", src, nil)
	}
}
