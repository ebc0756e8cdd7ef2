package blob

import (
	"archive/zip"
	"io"
	"net/http"
	"strings"
)

// Content types Detect reports.
const (
	PDF  = "application/pdf"
	DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
	XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	ZIP  = "application/zip"
	PNG  = "image/png"
	JPEG = "image/jpeg"
	GIF  = "image/gif"
	WEBP = "image/webp"
	MP4  = "video/mp4"
	WEBM = "video/webm"
	Text = "text/plain"
	// Unknown is anything Detect does not recognise (executables included).
	Unknown = "application/octet-stream"
)

// Allow lists for the uses of the application.
var (
	Documents = []string{PDF, DOCX, PPTX, XLSX, Text}
	Images    = []string{PNG, JPEG, GIF, WEBP}
	Videos    = []string{MP4, WEBM}
)

// sniffLen is how much of the start of a file Detect looks at (as
// http.DetectContentType does).
const sniffLen = 512

// Detect decides the content type of the size bytes in ra from the content
// alone: http.DetectContentType for the common signatures, plus magic
// numbers it does not know (ISO base media brands for MP4, the Office Open
// XML containers, which are zip files told apart by their part names). The
// answer has no parameters ("text/plain", not "text/plain; charset=utf-8");
// anything unrecognised is Unknown.
func Detect(ra io.ReaderAt, size int64) string {
	head := make([]byte, min(size, sniffLen))
	n, _ := ra.ReadAt(head, 0)
	head = head[:n]
	if isISOMedia(head) {
		return MP4
	}
	ct, _, _ := strings.Cut(http.DetectContentType(head), ";")
	switch ct {
	case PDF, PNG, JPEG, GIF, WEBP, MP4, WEBM:
		return ct
	case ZIP:
		return officeType(ra, size)
	case "text/plain":
		return Text
	}
	return Unknown
}

// isISOMedia recognises an MP4 file: a first box of type "ftyp" whose major
// or compatible brand is one browsers play as video/mp4.
func isISOMedia(head []byte) bool {
	if len(head) < 12 || string(head[4:8]) != "ftyp" {
		return false
	}
	boxLen := int(head[0])<<24 | int(head[1])<<16 | int(head[2])<<8 | int(head[3])
	if boxLen < 16 || boxLen > len(head) {
		boxLen = len(head)
	}
	brands := head[8:boxLen]
	for i := 0; i+4 <= len(brands); i += 4 {
		if i == 4 {
			continue // minor version, not a brand
		}
		switch string(brands[i : i+4]) {
		case "isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "dash", "msnv", "3gp4", "3gp5":
			return true
		}
	}
	return false
}

// officeType tells an Office Open XML document from a plain zip by its parts.
func officeType(ra io.ReaderAt, size int64) string {
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return Unknown
	}
	hasTypes := false
	kind := ""
	for _, f := range zr.File {
		switch {
		case f.Name == "[Content_Types].xml":
			hasTypes = true
		case f.Name == "word/document.xml":
			kind = DOCX
		case f.Name == "ppt/presentation.xml":
			kind = PPTX
		case f.Name == "xl/workbook.xml":
			kind = XLSX
		}
	}
	if hasTypes && kind != "" {
		return kind
	}
	return ZIP
}

// extTypes maps the extensions users give to the type their content must have.
var extTypes = map[string]string{
	".pdf": PDF, ".docx": DOCX, ".pptx": PPTX, ".xlsx": XLSX, ".zip": ZIP,
	".png": PNG, ".jpg": JPEG, ".jpeg": JPEG, ".gif": GIF, ".webp": WEBP,
	".mp4": MP4, ".m4v": MP4, ".webm": WEBM, ".txt": Text, ".md": Text, ".csv": Text,
}

// preferredExt is the extension a detected type is saved with when the
// uploader's name has none.
var preferredExt = map[string]string{
	PDF: ".pdf", DOCX: ".docx", PPTX: ".pptx", XLSX: ".xlsx", ZIP: ".zip", PNG: ".png", JPEG: ".jpg",
	GIF: ".gif", WEBP: ".webp", MP4: ".mp4", WEBM: ".webm", Text: ".txt",
}

// ExtensionFor returns the usual extension of a detected type ("" if none).
func ExtensionFor(contentType string) string { return preferredExt[contentType] }
