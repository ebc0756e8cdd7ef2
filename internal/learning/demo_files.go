package learning

import (
	"bytes"
	_ "embed"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
)

// demoVideo is the 6-second fixture of demodata/README.md.
//
//go:embed demodata/lesson.mp4
var demoVideo []byte

// demoPDF writes a one-page PDF handout with a title and lines of text
// (ASCII: the standard Helvetica font has no Chinese glyphs). The byte
// offsets of the cross-reference table are computed, so viewers open it
// without repair.
func demoPDF(title string, lines []string) []byte {
	esc := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	var content bytes.Buffer
	fmt.Fprintf(&content, "BT /F1 20 Tf 56 770 Td (%s) Tj ET\n", esc.Replace(title))
	for i, l := range lines {
		fmt.Fprintf(&content, "BT /F1 12 Tf 56 %d Td (%s) Tj ET\n", 730-i*20, esc.Replace(l))
	}
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// demoPNG draws a small poster: a band of the course colour with stripes.
func demoPNG(seed int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 320, 180))
	base := color.RGBA{uint8(60 + seed*37%160), uint8(90 + seed*53%140), uint8(120 + seed*71%120), 255}
	for y := 0; y < 180; y++ {
		for x := 0; x < 320; x++ {
			c := base
			if (x+y)/20%2 == 0 {
				c.R, c.G, c.B = c.R/2+100, c.G/2+100, c.B/2+100
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.Bytes()
}
