package api

import (
	"bytes"
	"fmt"
	"net/url"
	"time"

	"ecomops/internal/platform/xlsx"
)

// FileOutput is the answer of export and download operations.
type FileOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	Body               []byte
}

// XLSXFile renders a table as an XLSX attachment named <base>-<date>.xlsx.
func XLSXFile(base string, t xlsx.Table) (*FileOutput, error) {
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, t); err != nil {
		return nil, err
	}
	return Attachment(fmt.Sprintf("%s-%s.xlsx", base, time.Now().Format("20060102-150405")), xlsx.ContentType, buf.Bytes()), nil
}

// Attachment makes a download answer with an RFC 6266 file name.
func Attachment(name, contentType string, body []byte) *FileOutput {
	return &FileOutput{
		ContentType:        contentType,
		ContentDisposition: fmt.Sprintf("attachment; filename=%q; filename*=UTF-8''%s", asciiName(name), url.PathEscape(name)),
		Body:               body,
	}
}

func asciiName(name string) string {
	b := []rune(name)
	for i, r := range b {
		if r > 126 || r < 32 || r == '"' || r == '\\' {
			b[i] = '_'
		}
	}
	return string(b)
}
