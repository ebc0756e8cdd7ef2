package gen

import (
	"bufio"
	"io"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// csvWriter writes records the way the exports do: cells written bare as
// ="..." when asked, cells with a delimiter, quote or line break quoted,
// CRLF line ends, in the export's encoding.
type csvWriter struct {
	w   *bufio.Writer
	enc io.WriteCloser // the GBK encoder to flush at the end; nil for UTF-8
}

func newCSV(w io.Writer, gbk, bom bool) *csvWriter {
	c := &csvWriter{}
	if gbk {
		c.enc = transform.NewWriter(w, simplifiedchinese.GBK.NewEncoder())
		c.w = bufio.NewWriterSize(c.enc, 1<<16)
	} else {
		c.w = bufio.NewWriterSize(w, 1<<16)
	}
	if bom {
		c.w.WriteString("\ufeff")
	}
	return c
}

// excelText marks a cell to be written bare as ="value" (the Excel text trick).
func excelText(s string) string { return "\x00=" + s }

func (c *csvWriter) row(cells ...string) {
	for j, v := range cells {
		if j > 0 {
			c.w.WriteByte(',')
		}
		switch {
		case strings.HasPrefix(v, "\x00="):
			c.w.WriteString(`="` + v[2:] + `"`)
		case strings.ContainsAny(v, ",\"\r\n"):
			c.w.WriteString(`"` + strings.ReplaceAll(v, `"`, `""`) + `"`)
		default:
			c.w.WriteString(v)
		}
	}
	c.w.WriteString("\r\n")
}

func (c *csvWriter) close() error {
	if err := c.w.Flush(); err != nil {
		return err
	}
	if c.enc != nil {
		return c.enc.Close() // flushes the encoder; does not close w
	}
	return nil
}
