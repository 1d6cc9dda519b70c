package master

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"dossier/dossier/fsafe"
)

// Saved is a row written as a data file.
type Saved struct {
	Row  int
	Path string
	// Renamed is set when a file of the enterprise's name was already there: the row got a
	// numbered name (企业（2）.json) instead; an existing file is never replaced.
	Renamed bool
}

// Save writes the good rows (File set) into dir, one data file each, named by enterprise
// (FileName), through fsafe.WriteBytes. dir is created when missing.
func Save(dir string, rows []Row) ([]Saved, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("无法创建文件夹 %s：%s", dir, fsafe.Describe(err))
	}
	var out []Saved
	taken := map[string]bool{}
	for _, r := range rows {
		if r.File == nil {
			continue
		}
		data, err := json.Marshal(r.File)
		if err != nil {
			return out, err
		}
		var b bytes.Buffer
		if err := json.Indent(&b, data, "", "  "); err != nil {
			return out, err
		}
		b.WriteByte('\n')
		base := FileName(r.Name, r.Number)
		path, renamed, err := freeName(dir, base, taken)
		if err != nil {
			return out, err
		}
		if err := fsafe.WriteBytes(path, b.Bytes()); err != nil {
			return out, fmt.Errorf("无法写入 %s：%s", path, fsafe.Describe(err))
		}
		out = append(out, Saved{Row: r.Number, Path: path, Renamed: renamed})
	}
	return out, nil
}

// freeName is dir/base.json, or the first free dir/base（n）.json.
func freeName(dir, base string, taken map[string]bool) (string, bool, error) {
	for n := 1; n < 10000; n++ {
		name := base + ".json"
		if n > 1 {
			name = base + "（" + strconv.Itoa(n) + "）.json"
		}
		path := filepath.Join(dir, name)
		key := strings.ToLower(name) // Windows and macOS compare names without case
		if taken[key] {
			continue
		}
		_, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			taken[key] = true
			return path, n > 1, nil
		}
		if err != nil {
			return "", false, fmt.Errorf("无法检查 %s：%s", path, fsafe.Describe(err))
		}
	}
	return "", false, fmt.Errorf("文件夹 %s 中同名文件过多（%s）", dir, base)
}

// FileName is a safe file name (without .json) for an enterprise: its name with the
// characters no file system allows replaced, at most 80 characters; 第N行 when it has none.
func FileName(name string, row int) string {
	s := strings.Map(func(r rune) rune {
		switch {
		case strings.ContainsRune(`<>:"/\|?*`, r), unicode.IsControl(r), r == 0xFEFF:
			return '_'
		case unicode.IsSpace(r):
			return ' '
		}
		return r
	}, name)
	s = strings.Trim(s, " .")
	if r := []rune(s); len(r) > 80 {
		s = strings.TrimRight(string(r[:80]), " .")
	}
	if s == "" || strings.Trim(s, "_") == "" {
		return "第" + strconv.Itoa(row) + "行"
	}
	if reservedName(s) {
		s = "_" + s
	}
	return s
}

// reservedName: Windows refuses CON, PRN, AUX, NUL, COM1–9 and LPT1–9 (with any extension).
func reservedName(s string) bool {
	head, _, _ := strings.Cut(strings.ToUpper(s), ".")
	switch head {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	return len(head) == 4 && (strings.HasPrefix(head, "COM") || strings.HasPrefix(head, "LPT")) && head[3] >= '1' && head[3] <= '9'
}
