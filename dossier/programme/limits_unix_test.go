//go:build unix

package programme_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"dossier/dossier/programme"
)

// A template that is a FIFO is refused at once instead of blocking on its open.
func TestFIFOTemplateRefused(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.yaml"), 0o644); err != nil {
		t.Skip(err)
	}
	_, err := programme.LoadSet(os.DirFS(dir))
	if err == nil || !strings.Contains(err.Error(), "pipe.yaml: 无法读取模板：不是普通文件：是管道（FIFO）") {
		t.Fatalf("FIFO: %v", err)
	}
}
