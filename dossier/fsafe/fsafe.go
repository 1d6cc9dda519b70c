// Package fsafe holds the few file operations every part of Dossier must do the same safe way:
// reading a user's file only when it is a regular file of bounded size, writing a file so that
// a crash or a kill leaves either the old file or the new one (never half of either), and
// recognising and sweeping the temporary files and folders that Dossier itself left behind.
//
// Messages (the Error text of the errors returned here) are Chinese: they reach users as they
// are, after the path.
package fsafe

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Limits on what Dossier reads. A data file or a template that a form can hold is far smaller;
// the limits only keep a wrong file (a disk image, /dev/zero) from exhausting memory.
const (
	MaxDataFile     = 16 << 20  // a data file (JSON), a manifest
	MaxTemplateFile = 2 << 20   // a template (YAML) or its demo data file
	MaxAttachment   = 200 << 20 // one scanned attachment (PDF, JPG, PNG)
)

// Sentinel errors, for errors.Is. Their texts are what a user reads.
var (
	// ErrNotRegular: the path is a folder, a device, a FIFO, a socket or other non-file.
	ErrNotRegular = errors.New("不是普通文件")
	// ErrTooLarge: the file is larger than the limit for its kind.
	ErrTooLarge = errors.New("文件过大")
	// ErrNotFound: nothing at that path.
	ErrNotFound = errors.New("找不到文件")
)

// KindOf names what a non-regular file is, in Chinese ("是文件夹", "是管道（FIFO）"…).
func KindOf(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "是文件夹"
	case m&fs.ModeNamedPipe != 0:
		return "是管道（FIFO）"
	case m&fs.ModeSocket != 0:
		return "是套接字"
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return "是设备文件"
	case m&fs.ModeSymlink != 0:
		return "是符号链接"
	}
	return "不是普通文件"
}

// ReadRegular reads the file at path when it is (or a link resolves to) a regular file of at
// most limit bytes. It never opens a FIFO or a device, so it cannot hang or read forever.
func ReadRegular(path string, limit int64) ([]byte, error) {
	return ReadRegularFS(osFS{}, path, limit)
}

// OpenRegular opens the file at path for reading when it is (or a link resolves to) a regular
// file of at most limit bytes, for a caller that streams it rather than holding it in memory.
// Like ReadRegular it never opens a FIFO or a device.
func OpenRegular(path string, limit int64) (*os.File, error) {
	f, err := openRegular(osFS{}, path, limit)
	if err != nil {
		return nil, err
	}
	return f.(*os.File), nil
}

// ReadRegularFS is ReadRegular for a file of an fs.FS (a template folder).
func ReadRegularFS(fsys fs.FS, name string, limit int64) ([]byte, error) {
	return readRegular(fsys, name, limit, nil)
}

// ReadRegularInto is ReadRegular into buf's storage when the file fits in its capacity, else
// into a new buffer: a caller reading many files (the aggregate's workers) reuses one. The
// file is checked as ReadRegular checks it. The result may share buf's storage, so it is only
// valid until buf is used again.
func ReadRegularInto(path string, limit int64, buf []byte) ([]byte, error) {
	return readRegular(osFS{}, path, limit, buf)
}

func readRegular(fsys fs.FS, name string, limit int64, buf []byte) ([]byte, error) {
	f, size, err := openSized(fsys, name, limit)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(f, limit, size, buf[:0])
}

// openRegular is the one way a user's file is opened: stat it (following links), refuse what
// is not a regular file of at most limit bytes, and only then open it, so that a FIFO or a
// device is never opened.
func openRegular(fsys fs.FS, name string, limit int64) (fs.File, error) {
	f, _, err := openSized(fsys, name, limit)
	return f, err
}

// openSized is openRegular that also returns the size Stat gave, which sizes the buffer it is
// read into (a second Stat of the open file was a system call per file for the aggregate).
func openSized(fsys fs.FS, name string, limit int64) (fs.File, int64, error) {
	fi, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, 0, statError(err)
	}
	if err := checkRegular(fi, limit); err != nil {
		return nil, 0, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, 0, openError(err)
	}
	return f, fi.Size(), nil
}

// osFS is the operating system's files as an fs.FS that takes any path os.Open takes
// (os.DirFS takes only slash-separated paths below its root). Open returns an *os.File.
type osFS struct{}

func (osFS) Open(name string) (fs.File, error) {
	f, err := openFile(name)
	if err != nil {
		return nil, err // not a nil *os.File in a non-nil fs.File
	}
	return f, nil
}

func (osFS) Stat(name string) (fs.FileInfo, error) { return os.Stat(name) }

func checkRegular(fi fs.FileInfo, limit int64) error {
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%w：%s", ErrNotRegular, KindOf(fi.Mode()))
	}
	if fi.Size() > limit {
		return fmt.Errorf("%w：%s，超过上限 %s", ErrTooLarge, HumanSize(fi.Size()), HumanSize(limit))
	}
	return nil
}

// readLimited reads at most limit bytes; a file that grew past the limit since Stat is refused.
// The buffer is sized from the file's size as Stat gave it (one allocation, where io.ReadAll
// grew it from 512 bytes: seven times the file's size in garbage for a data file of the
// aggregate), or is b when that is large enough.
func readLimited(r io.Reader, limit, size int64, b []byte) ([]byte, error) {
	size = min(max(size, 0), limit) + 1 // +1: room to see the end of the file
	if int64(cap(b)) < size {
		b = make([]byte, 0, size)
	}
	lr := io.LimitReader(r, limit+1)
	for {
		n, err := lr.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("读取失败：%s", Describe(err))
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // the file grew since Stat: let append grow the buffer
		}
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w：超过上限 %s", ErrTooLarge, HumanSize(limit))
	}
	return b, nil
}

func statError(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return ErrNotFound
	}
	return fmt.Errorf("无法读取：%s", Describe(err))
}

func openError(err error) error {
	return fmt.Errorf("无法打开：%s", Describe(err))
}

// Describe turns an operating-system error into a short Chinese phrase: users must not read
// Go's English ("is a directory", "device or resource busy"). Unknown errors keep their text.
func Describe(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "文件或文件夹不存在"
	case errors.Is(err, fs.ErrPermission):
		return "没有权限（请检查文件或文件夹的权限，或换一个位置）"
	case errors.Is(err, fs.ErrExist):
		return "已存在"
	}
	if d := describeErrno(err); d != "" {
		return d
	}
	return err.Error()
}

// HumanSize is a byte count as users read it (KB, MB).
func HumanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d 字节", n)
}

// SyncDir flushes a folder's entries (a rename or a new file in it) to disk. Windows has no
// such call for folders; there it does nothing.
func SyncDir(dir string) error {
	return syncDir(filepath.Clean(dir))
}
