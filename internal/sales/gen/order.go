package gen

import (
	"fmt"
	"time"
)

func (g *generator) orderNo(i int, created time.Time) string {
	off := int64(g.cfg.Seed%977) * 10_000_000
	switch g.cfg.Platform {
	case "jd":
		return fmt.Sprintf("%012d", 280_000_000_000+off+int64(i))
	case "pdd":
		return created.Format("060102") + fmt.Sprintf("-%015d", 607_198_000_000_000+off+int64(i))
	case "douyin":
		return fmt.Sprintf("69%017d", 31_000_000_000_000_000+off+int64(i))
	}
	return fmt.Sprintf("4965%015d", 100_000_000_000_000+off+int64(i))
}

func (g *generator) at(t time.Time) *time.Time { return &t }

// buyer i of the pool: a stable nick, name, phone and address.
func (g *generator) buyer(idx int) (nick, name, phone string, addr int) {
	s := surnames[idx%len(surnames)]
	giv := givens[(idx/len(surnames))%len(givens)]
	switch g.cfg.Platform {
	case "jd":
		nick = fmt.Sprintf("jd_%c%s%05d", s, giv, idx)
	default:
		nick = fmt.Sprintf("%c%s爱生活%d", s, giv, idx)
	}
	name = string(s) + giv
	phone = fmt.Sprintf("1%d%d%08d", 3+idx%6, idx%10, (idx*7919)%100000000)
	return nick, name, phone, idx % len(provinces)
}

func (g *generator) order(i int) Order {
	r := g.rng
	day := g.dayOf(i)
	created := day.Add(time.Duration(8*3600+r.IntN(15*3600)) * time.Second).Add(time.Duration(r.IntN(3600)) * time.Second)
	o := Order{No: g.orderNo(i, created), Created: created}
	// buyers: a skewed pick so that some buy again
	f := r.Float64()
	idx := int(float64(g.cfg.Buyers) * f * f)
	nick, name, phone, a := g.buyer(idx)
	o.Buyer, o.ReceiverName, o.Phone = nick, name, phone
	pv := provinces[a]
	o.Province, o.City, o.District, o.Street = pv.p, pv.c, pv.d, fmt.Sprintf("幸福路%d号%d室", 1+idx%300, 101+idx%20)

	nLines := 1
	if x := r.IntN(10); x >= 7 {
		nLines = 2 + x%2
	}
	first := r.IntN(len(g.cfg.Products))
	for j := 0; j < nLines && j < len(g.cfg.Products); j++ {
		p := g.cfg.Products[(first+j*7)%len(g.cfg.Products)] // distinct products within one order
		qty := int64(1)
		if r.IntN(5) == 0 {
			qty = 2 + int64(r.IntN(2))
		}
		o.Lines = append(o.Lines, Line{Product: p, Qty: qty, PaidFen: p.PriceFen * qty, SubNo: fmt.Sprintf("%s%02d", o.No[max(0, len(o.No)-12):], j+1)})
		o.GoodsFen += p.PriceFen * qty
	}
	if r.IntN(10) == 0 {
		o.ShippingFen = 800
	}
	if r.IntN(5) == 0 && o.GoodsFen >= 10000 {
		o.DiscountFen = (o.GoodsFen / 1000) * 100 // 满减: about 10 %, whole yuan
	}
	o.PaidFen = o.GoodsFen + o.ShippingFen - o.DiscountFen
	// spread the discount over the lines in proportion to their amounts
	left := o.DiscountFen
	for j := range o.Lines {
		share := o.DiscountFen * o.Lines[j].PaidFen / o.GoodsFen
		if j == len(o.Lines)-1 {
			share = left
		}
		o.Lines[j].PaidFen -= share
		left -= share
	}
	if r.IntN(8) == 0 {
		o.Message = "请尽快发货，谢谢"
	}
	g.lifecycle(&o)
	return o
}

// lifecycle decides the status and its times from the order's age. Every
// random draw happens up front, so the same seed gives the same orders
// whatever Now is: a later Now only moves orders further along (a newer
// export of the same orders).
func (g *generator) lifecycle(o *Order) {
	r, now := g.rng, g.cfg.Now
	paid := o.Created.Add(time.Duration(10+r.IntN(1800)) * time.Second)
	unpaid := r.IntN(100) < 4
	refundEarly := r.IntN(100) < 3
	refundAfter := time.Duration(1+r.IntN(20)) * time.Hour
	shipped := paid.Add(time.Duration(2+r.IntN(40)) * time.Hour)
	c := carriers[r.IntN(len(carriers))]
	trackNo := r.Int64N(1e12)
	done := shipped.Add(time.Duration(48+r.IntN(120)) * time.Hour)
	partial := r.IntN(100) < 5
	partialLine := r.IntN(len(o.Lines))

	if unpaid || paid.After(now) {
		o.PaidFen = 0
		for j := range o.Lines {
			o.Lines[j].PaidFen = 0
		}
		if now.Sub(o.Created) > 24*time.Hour {
			o.Status, o.Closed, o.CloseReason = "closed", g.at(o.Created.Add(24*time.Hour)), "买家未付款"
		} else {
			o.Status = "pending_payment"
		}
		return
	}
	o.Status, o.Paid = "paid", &paid
	if refundEarly { // refunded before shipping: closed
		o.RefundFen = o.PaidFen
		for j := range o.Lines {
			o.Lines[j].RefundFen = o.Lines[j].PaidFen
		}
		if t := paid.Add(refundAfter); t.Before(now) {
			o.Status, o.Closed, o.CloseReason = "closed", &t, "买家申请退款"
		}
		return
	}
	if shipped.After(now) {
		return
	}
	o.Status, o.Shipped, o.Carrier = "shipped", &shipped, c.name
	if c.prefix == "73" || c.prefix == "43" {
		o.Tracking = c.prefix + fmt.Sprintf("%012d", trackNo)
	} else {
		o.Tracking = c.prefix + fmt.Sprintf("%013d", trackNo)
	}
	if done.After(now) {
		return
	}
	o.Status, o.Completed = "completed", &done
	if partial { // partial refund after delivery
		l := &o.Lines[partialLine]
		l.RefundFen = l.PaidFen / 2
		o.RefundFen = l.RefundFen
	}
}
