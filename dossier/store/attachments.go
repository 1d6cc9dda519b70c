package store

import (
	"crypto/sha256"
	"dossier/dossier/records"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"dossier/dossier"
	"dossier/dossier/fsafe"
	"dossier/dossier/programme"
)

// The GUI keeps its own copy of every attachment file the user adds (附件, issue 9): the
// dossier references the copy, so a moved or deleted original loses nothing.

// hashPrefix is how many hex digits of the file's SHA-256 start a stored copy's name.
const hashPrefix = 12

// CopyAttachment copies the attachment file src into root/<dossierID>/<sha256 prefix>-<name>
// and returns the copy's absolute path. Only PDF, JPG and PNG files (programme.SniffFile, by
// content) of at most fsafe.MaxAttachment bytes are taken; the same content added twice is
// stored once. Errors are Chinese and name the file.
func CopyAttachment(root string, dossierID int64, src string) (string, error) {
	name := filepath.Base(src)
	if _, err := programme.SniffFile(src); err != nil {
		return "", fmt.Errorf("文件 %s %v", name, err)
	}
	sum, err := hashFile(src)
	if err != nil {
		return "", fmt.Errorf("文件 %s %v", name, err)
	}
	dir := filepath.Join(root, strconv.FormatInt(dossierID, 10))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("无法在 %s 保存附件副本：%s", dir, fsafe.Describe(err))
	}
	dst, err := filepath.Abs(filepath.Join(dir, sum[:hashPrefix]+"-"+name))
	if err != nil {
		return "", fmt.Errorf("无法保存附件副本 %s：%s", name, fsafe.Describe(err))
	}
	if fi, err := os.Lstat(dst); err == nil && fi.Mode().IsRegular() {
		// Stored already: made young again, so that CollectAttachments keeps it until the
		// dossier that is about to name it again is saved.
		now := time.Now()
		os.Chtimes(dst, now, now)
		return dst, nil
	}
	f, err := fsafe.OpenRegular(src, fsafe.MaxAttachment)
	if err != nil {
		return "", fmt.Errorf("文件 %s %v", name, err)
	}
	defer f.Close()
	if err := fsafe.WriteFile(dst, func(w io.Writer) error { _, err := io.Copy(w, f); return err }); err != nil {
		return "", fmt.Errorf("无法保存附件副本 %s：%s", dst, fsafe.Describe(err))
	}
	return dst, nil
}

// AttachmentName is the name the user gave a file stored by CopyAttachment (without the hash
// prefix); other paths give their base name.
func AttachmentName(path string) string {
	base := filepath.Base(path)
	if len(base) > hashPrefix+1 && base[hashPrefix] == '-' && isHex(base[:hashPrefix]) {
		return base[hashPrefix+1:]
	}
	return base
}

func isHex(s string) bool {
	return strings.Trim(s, "0123456789abcdef") == ""
}

func hashFile(path string) (string, error) {
	f, err := fsafe.OpenRegular(path, fsafe.MaxAttachment)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("读取失败：%s", fsafe.Describe(err))
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// CopyDataAttachments copies into root, for dossier id, every file a data file names under
// attachments (CopyAttachment: by content, PDF, JPG and PNG only), relative paths taken from
// dir (the folder of the file being imported), and returns the data naming the copies, its
// other members untouched. A file that cannot be copied (missing, not a PDF or picture)
// keeps its place, its path made absolute so that 检查 says where it was looked for, and is
// reported in problems (Chinese, with the attachment's label from label); that is not an
// error. The error is for data that is not a JSON object with a well-formed attachments.
func CopyDataAttachments(root string, id int64, data []byte, dir string, label func(id string) string) ([]byte, []string, error) {
	var f struct {
		Attachments map[string][]string `json:"attachments"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, nil, fmt.Errorf("store: attachments of dossier %d: %w: %v", id, records.ErrInvalid, err)
	}
	if len(f.Attachments) == 0 {
		return data, nil, nil
	}
	var problems []string
	for _, aid := range slices.Sorted(maps.Keys(f.Attachments)) {
		for i, given := range f.Attachments[aid] {
			path := dossier.AttachmentPath(dir, given)
			if abs, err := filepath.Abs(path); err == nil {
				path = abs
			}
			c, err := CopyAttachment(root, id, path)
			if err != nil {
				problems = append(problems, fmt.Sprintf("附件“%s”：%s，未复制（请在“附件”中重新添加）", label(aid), err))
				c = path
			}
			f.Attachments[aid][i] = c
		}
	}
	raw, err := json.Marshal(f.Attachments)
	if err != nil {
		return nil, nil, err
	}
	out, err := setTopLevelRaw(data, "attachments", raw)
	return out, problems, err
}
