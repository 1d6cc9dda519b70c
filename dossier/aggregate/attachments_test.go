package aggregate_test

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"dossier/dossier/aggregate"
)

// writePNG writes a small image the way a scanned attachment would be given.
func writePNG(t *testing.T, path string) {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 40, 60))
	for i := range img.Pix {
		img.Pix[i] = color.Gray{Y: 200}.Y
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// A data file's attachments are relative to its own folder, wherever aggregate runs; a
// package's attachments are already bound into its verified PDFs, so a package whose author's
// scans are not on this machine still goes in.
func TestAttachmentsOfInputs(t *testing.T) {
	p := load(t, techinnov)
	dir := t.TempDir()
	writePNG(t, filepath.Join(dir, "附件", "营业执照.png"))
	withScan := demo(t, p, func(m map[string]any) {
		m["attachments"] = map[string]any{"business-licence": []any{"附件/营业执照.png"}}
	})
	data := write(t, dir, "a.json", withScan)
	pkg := filepath.Join(t.TempDir(), "pkg")
	build(t, p, data, pkg)

	other := t.TempDir() // run from elsewhere: the relative path must not resolve against it
	wd, _ := os.Getwd()
	if err := os.Chdir(other); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	r, err := aggregate.Run(p, []string{data}, aggregate.Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if e := r.Entries[0]; e.Verdict != aggregate.Included {
		t.Errorf("data file with a relative attachment: %v %s", e.Verdict, e.Reason)
	}

	if err := os.RemoveAll(filepath.Join(dir, "附件")); err != nil {
		t.Fatal(err)
	}
	r, err = aggregate.Run(p, []string{pkg}, aggregate.Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if e := r.Entries[0]; e.Verdict != aggregate.Included {
		t.Errorf("package whose scans are gone: %v %s", e.Verdict, e.Reason)
	}
}
