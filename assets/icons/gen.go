//go:build ignore

// gen draws Dossier's application icon: a blue rounded square with a white document whose
// corner is folded, three text lines and a green tick. Run: go run gen.go (from assets/icons).
package main

import (
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
)

const size = 512

// coverage supersamples inside() over a pixel for anti-aliased edges.
func coverage(x, y int, inside func(fx, fy float64) bool) float64 {
	const n = 4
	hit := 0
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if inside(float64(x)+(float64(i)+0.5)/n, float64(y)+(float64(j)+0.5)/n) {
				hit++
			}
		}
	}
	return float64(hit) / (n * n)
}

func roundRect(x0, y0, x1, y1, r float64) func(x, y float64) bool {
	return func(x, y float64) bool {
		if x < x0 || x > x1 || y < y0 || y > y1 {
			return false
		}
		cx := math.Max(x0+r, math.Min(x, x1-r))
		cy := math.Max(y0+r, math.Min(y, y1-r))
		return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r
	}
}

// document is a page with its top-right corner cut off.
func document(x, y float64) bool {
	if !roundRect(136, 88, 376, 424, 18)(x, y) {
		return false
	}
	return x-300 < y-88 // cut corner: below the diagonal from (300,88) to (376,164)
}

func fold(x, y float64) bool { return x >= 300 && y <= 164 && x-300 <= y-88 && x <= 376 && y >= 88 }

func segment(ax, ay, bx, by, w float64) func(x, y float64) bool {
	return func(x, y float64) bool {
		dx, dy := bx-ax, by-ay
		t := math.Max(0, math.Min(1, ((x-ax)*dx+(y-ay)*dy)/(dx*dx+dy*dy)))
		px, py := ax+t*dx-x, ay+t*dy-y
		return px*px+py*py <= w*w/4
	}
}

func blend(dst color.NRGBA, c color.NRGBA, a float64) color.NRGBA {
	if a <= 0 {
		return dst
	}
	mix := func(d, s uint8) uint8 { return uint8(float64(d)*(1-a) + float64(s)*a + 0.5) }
	out := color.NRGBA{mix(dst.R, c.R), mix(dst.G, c.G), mix(dst.B, c.B), dst.A}
	if dst.A < 255 {
		out = c
		out.A = uint8(math.Max(float64(dst.A), a*255))
	}
	return out
}

func main() {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	blue := color.NRGBA{0x1f, 0x5f, 0xd1, 0xff}
	white := color.NRGBA{0xff, 0xff, 0xff, 0xff}
	paleBlue := color.NRGBA{0xc9, 0xd8, 0xf5, 0xff}
	line := color.NRGBA{0x9f, 0xb6, 0xdf, 0xff}
	green := color.NRGBA{0x1e, 0xa4, 0x5a, 0xff}
	bg := roundRect(16, 16, 496, 496, 96)
	lines := []func(x, y float64) bool{
		segment(180, 200, 300, 200, 18), segment(180, 250, 332, 250, 18), segment(180, 300, 262, 300, 18),
	}
	tick := []func(x, y float64) bool{segment(256, 352, 290, 386, 26), segment(290, 386, 350, 318, 26)}
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			var c color.NRGBA
			c = blend(c, blue, coverage(x, y, bg))
			c = blend(c, white, coverage(x, y, document))
			c = blend(c, paleBlue, coverage(x, y, fold))
			for _, l := range lines {
				c = blend(c, line, coverage(x, y, l))
			}
			for _, l := range tick {
				c = blend(c, green, coverage(x, y, l))
			}
			img.SetNRGBA(x, y, c)
		}
	}
	for _, path := range []string{"Icon.png", "../../cmd/dossier/Icon.png"} {
		f, err := os.Create(path)
		if err != nil {
			panic(err)
		}
		if err := png.Encode(f, img); err != nil {
			panic(err)
		}
		f.Close()
	}
}
