package aggregate

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"dossier/dossier/fsafe"
	"dossier/dossier/pack"
	"dossier/dossier/programme"
)

// Supports reports whether programme p can be aggregated: its template defines a summary
// sheet (Run fails with ErrNoSheet otherwise). The GUI offers only these.
func Supports(p *programme.Programme) bool {
	return len(newSummaryPlan(p).outputs) > 0
}

// ErrNoInputs: a folder holds no data file and no package.
var ErrNoInputs = errors.New("文件夹中没有数据文件（.json）或申报包（文件夹）")

// FolderInputs are the inputs a folder the user chose holds, for Run: the folder itself when
// it is a package (it has a manifest.json), else its data files (*.json) and its subfolders
// (packages, or judged 数据有误 when they are not), by name. Hidden entries and Dossier's own
// temporary files are passed over.
func FolderInputs(dir string) ([]string, error) {
	if fi, err := os.Stat(filepath.Join(dir, pack.ManifestName)); err == nil && fi.Mode().IsRegular() {
		return []string{dir}, nil
	}
	list, err := os.ReadDir(dir)
	if err != nil {
		return nil, errors.New(fsafe.Describe(err))
	}
	var out []string
	for _, e := range list {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		if _, ours := fsafe.IsOurTemp(name); ours {
			continue
		}
		if e.IsDir() || strings.EqualFold(filepath.Ext(name), ".json") {
			out = append(out, filepath.Join(dir, name))
		}
	}
	if len(out) == 0 {
		return nil, ErrNoInputs
	}
	sort.Strings(out)
	return out, nil
}
