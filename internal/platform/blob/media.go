package blob

import (
	"encoding/binary"
	"io"
	"math"
)

// VideoSeconds reads the duration of an MP4 (the movie header box, mvhd) or
// WebM (the Segment Info Duration element) from its container, without
// decoding anything. ok is false when the container gives none; callers
// then fall back to a duration typed in by a person.
func VideoSeconds(ra io.ReaderAt, size int64, contentType string) (seconds float64, ok bool) {
	switch contentType {
	case MP4:
		return mp4Seconds(ra, size)
	case WEBM:
		return webmSeconds(ra, size)
	}
	return 0, false
}

// mp4Seconds finds moov/mvhd among the boxes: size(4) type(4), a size of 1
// meaning a 64-bit size follows and 0 meaning "to the end".
func mp4Seconds(ra io.ReaderAt, size int64) (float64, bool) {
	moov, moovEnd, ok := findBox(ra, 0, size, "moov")
	if !ok {
		return 0, false
	}
	mvhd, mvhdEnd, ok := findBox(ra, moov, moovEnd, "mvhd")
	if !ok || mvhdEnd-mvhd < 20 {
		return 0, false
	}
	b := make([]byte, 32)
	n, _ := ra.ReadAt(b, mvhd)
	b = b[:n]
	if len(b) < 20 {
		return 0, false
	}
	var scale, dur uint64
	if b[0] == 1 { // version 1: 64-bit times
		if len(b) < 32 {
			return 0, false
		}
		scale, dur = uint64(binary.BigEndian.Uint32(b[20:24])), binary.BigEndian.Uint64(b[24:32])
	} else {
		scale, dur = uint64(binary.BigEndian.Uint32(b[12:16])), uint64(binary.BigEndian.Uint32(b[16:20]))
	}
	if scale == 0 || dur == 0 || dur == math.MaxUint32 || dur == math.MaxUint64 {
		return 0, false
	}
	return float64(dur) / float64(scale), true
}

// findBox returns the payload range of the first box of type typ between
// start and end.
func findBox(ra io.ReaderAt, start, end int64, typ string) (int64, int64, bool) {
	hdr := make([]byte, 16)
	for pos := start; pos+8 <= end; {
		if n, _ := ra.ReadAt(hdr[:8], pos); n < 8 {
			return 0, 0, false
		}
		boxSize, head := int64(binary.BigEndian.Uint32(hdr[:4])), int64(8)
		switch boxSize {
		case 1:
			if n, _ := ra.ReadAt(hdr[8:16], pos+8); n < 8 {
				return 0, 0, false
			}
			boxSize, head = int64(binary.BigEndian.Uint64(hdr[8:16])), 16
		case 0:
			boxSize = end - pos
		}
		if boxSize < head || pos+boxSize > end {
			return 0, 0, false
		}
		if string(hdr[4:8]) == typ {
			return pos + head, pos + boxSize, true
		}
		pos += boxSize
	}
	return 0, 0, false
}

// EBML element ids of the WebM header that matter here.
const (
	ebmlSegment   = 0x18538067
	ebmlInfo      = 0x1549A966
	ebmlTimescale = 0x2AD7B1
	ebmlDuration  = 0x4489
	ebmlCluster   = 0x1F43B675
)

// webmSeconds walks EBML elements: Segment > Info > TimecodeScale (ns per
// tick, default 1 ms) and Duration (a float in ticks).
func webmSeconds(ra io.ReaderAt, size int64) (float64, bool) {
	r := ebmlReader{ra: ra, end: min(size, 64*MiB)}
	pos := int64(0)
	for pos < r.end {
		id, dataStart, dataEnd, ok := r.element(pos)
		if !ok {
			return 0, false
		}
		switch id {
		case ebmlSegment, ebmlInfo:
			pos = dataStart // descend
			continue
		case ebmlCluster:
			return r.result()
		case ebmlTimescale:
			r.scale = r.uint(dataStart, dataEnd)
		case ebmlDuration:
			r.duration, r.hasDuration = r.float(dataStart, dataEnd)
		}
		pos = dataEnd
	}
	return r.result()
}

type ebmlReader struct {
	ra          io.ReaderAt
	end         int64
	scale       uint64
	duration    float64
	hasDuration bool
}

func (r *ebmlReader) result() (float64, bool) {
	if !r.hasDuration || r.duration <= 0 {
		return 0, false
	}
	scale := r.scale
	if scale == 0 {
		scale = 1_000_000
	}
	return r.duration * float64(scale) / 1e9, true
}

// element reads the id and size vints at pos; an unknown size runs to the end.
func (r *ebmlReader) element(pos int64) (id uint64, dataStart, dataEnd int64, ok bool) {
	b := make([]byte, 12)
	n, _ := r.ra.ReadAt(b, pos)
	b = b[:n]
	id, idLen := vint(b, true)
	if idLen == 0 || idLen > 4 {
		return 0, 0, 0, false
	}
	size, sizeLen := vint(b[idLen:], false)
	if sizeLen == 0 {
		return 0, 0, 0, false
	}
	dataStart = pos + int64(idLen+sizeLen)
	if size == 1<<(7*uint(sizeLen))-1 { // all ones: unknown size
		return id, dataStart, r.end, true
	}
	return id, dataStart, min(dataStart+int64(size), r.end), true
}

// vint decodes an EBML variable-length integer; ids keep their marker bit.
func vint(b []byte, keepMarker bool) (uint64, int) {
	if len(b) == 0 || b[0] == 0 {
		return 0, 0
	}
	l := 1
	for mask := byte(0x80); b[0]&mask == 0; mask >>= 1 {
		l++
	}
	if l > 8 || len(b) < l {
		return 0, 0
	}
	v := uint64(b[0])
	if !keepMarker {
		v &= uint64(0xFF >> l)
	}
	for _, c := range b[1:l] {
		v = v<<8 | uint64(c)
	}
	return v, l
}

func (r *ebmlReader) uint(start, end int64) uint64 {
	b := make([]byte, min(end-start, 8))
	n, _ := r.ra.ReadAt(b, start)
	var v uint64
	for _, c := range b[:n] {
		v = v<<8 | uint64(c)
	}
	return v
}

func (r *ebmlReader) float(start, end int64) (float64, bool) {
	b := make([]byte, end-start)
	if len(b) != 4 && len(b) != 8 {
		return 0, false
	}
	if n, _ := r.ra.ReadAt(b, start); n != len(b) {
		return 0, false
	}
	if len(b) == 4 {
		return float64(math.Float32frombits(binary.BigEndian.Uint32(b))), true
	}
	return math.Float64frombits(binary.BigEndian.Uint64(b)), true
}
