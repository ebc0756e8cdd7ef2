package blob

import (
	"bytes"
	"encoding/binary"
	"math"
	"testing"
)

func box(typ string, payload []byte) []byte {
	b := make([]byte, 8, 8+len(payload))
	binary.BigEndian.PutUint32(b, uint32(8+len(payload)))
	copy(b[4:], typ)
	return append(b, payload...)
}

func TestVideoSecondsMP4(t *testing.T) {
	mvhd := make([]byte, 100) // version 0: flags, creation, modification, timescale, duration
	binary.BigEndian.PutUint32(mvhd[12:], 1000)
	binary.BigEndian.PutUint32(mvhd[16:], 95500)
	file := append(box("ftyp", []byte("isom\x00\x00\x02\x00isommp41")), box("free", make([]byte, 40))...)
	file = append(file, box("moov", append(box("mvhd", mvhd), box("trak", make([]byte, 20))...))...)
	file = append(file, box("mdat", make([]byte, 500))...)
	s, ok := VideoSeconds(bytes.NewReader(file), int64(len(file)), Detect(bytes.NewReader(file), int64(len(file))))
	if !ok || s != 95.5 {
		t.Errorf("mp4 duration = %v %v, want 95.5", s, ok)
	}
	if _, ok := VideoSeconds(bytes.NewReader(file[:60]), 60, MP4); ok {
		t.Error("a truncated file has no duration")
	}
}

func TestVideoSecondsWebM(t *testing.T) {
	dur := make([]byte, 8)
	binary.BigEndian.PutUint64(dur, math.Float64bits(12345)) // ticks of 1 ms
	info := []byte{0x2A, 0xD7, 0xB1, 0x83, 0x0F, 0x42, 0x40} // TimecodeScale = 1,000,000 ns
	info = append(info, 0x44, 0x89, 0x88)
	info = append(info, dur...)
	file := []byte{0x1A, 0x45, 0xDF, 0xA3, 0x84, 0x42, 0x82, 0x81, 0x77}                        // EBML header with one child
	file = append(file, 0x18, 0x53, 0x80, 0x67, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF) // Segment, unknown size
	file = append(file, 0x15, 0x49, 0xA9, 0x66, byte(0x80|len(info)))
	file = append(file, info...)
	file = append(file, 0x1F, 0x43, 0xB6, 0x75, 0x81, 0x00) // a Cluster ends the search
	s, ok := VideoSeconds(bytes.NewReader(file), int64(len(file)), WEBM)
	if !ok || math.Abs(s-12.345) > 1e-9 {
		t.Errorf("webm duration = %v %v, want 12.345", s, ok)
	}
}
