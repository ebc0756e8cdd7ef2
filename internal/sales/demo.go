package sales

import (
	"context"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"time"

	"ecomops/internal/catalog"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/sales/gen"
)

// DemoShop says how many orders of which platform the demo makes for a shop.
type DemoShop struct {
	Code     string
	Platform string
	Orders   int
}

// DemoShops are the demo company's shops and their share of about 200k orders.
var DemoShops = []DemoShop{{"TM01", "tmall", 80000}, {"JD01", "jd", 50000}, {"DY01", "douyin", 40000}, {"PDD01", "pdd", 30000}}

// LoadDemo makes 12 months of orders (to today) for the demo shops with the
// project's generator, writes them in each shop's real export format, and
// imports them through the importer, then the 生意参谋 shop and product
// traffic of the Taobao/Tmall shop and shop-level traffic of the others.
// The catalogue gets the generator's SKUs except the last two, whose
// listings stay unmatched for the matching screen.
func (s *Service) LoadDemo(ctx context.Context, seed uint64, shops []DemoShop) error {
	products := gen.DefaultProducts()
	if err := s.demoCatalog(ctx, products[:len(products)-2]); err != nil {
		return err
	}
	dir, err := os.MkdirTemp(s.UploadDir, "ecomops-demo-")
	if err != nil {
		return apperr.Wrap(err, "demo folder")
	}
	defer os.RemoveAll(dir)
	loc := s.loc(ctx)
	now := s.now().In(loc)
	to := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	from := to.AddDate(-1, 0, 0)
	for i, sh := range shops {
		cfg := gen.Config{Seed: seed + uint64(i)*7919, Platform: sh.Platform, Orders: sh.Orders, From: from, To: to, Loc: loc,
			Products: products, Weight: gen.Seasonality, Now: now}
		tr := gen.NewTraffic(cfg.Seed)
		files, err := writeDemoOrders(dir, sh, tr.Tap(gen.Generate(cfg)))
		if err != nil {
			return apperr.Wrap(err, "demo files of %s", sh.Code)
		}
		res, err := s.ImportOrders(ctx, ImportRequest{ShopCode: sh.Code, Files: files})
		if err != nil {
			return err
		}
		if res.Rejected > 0 {
			return apperr.New(apperr.Internal, "demo import of %s rejected %d rows: %+v", sh.Code, res.Rejected, res.Errors[0])
		}
		shopFile := filepath.Join(dir, sh.Code+"-traffic.csv")
		if err := writeFile(shopFile, func(w io.Writer) error { return tr.WriteShop(w, sh.Code) }); err != nil {
			return apperr.Wrap(err, "demo traffic")
		}
		if _, err := s.ImportTraffic(ctx, TrafficRequest{ShopCode: sh.Code, Level: TrafficShop, Files: []InputFile{{Path: shopFile, Name: filepath.Base(shopFile)}}}); err != nil {
			return err
		}
		prodFile := filepath.Join(dir, sh.Code+"-products.csv")
		if err := writeFile(prodFile, func(w io.Writer) error { return tr.WriteProduct(w, products) }); err != nil {
			return apperr.Wrap(err, "demo traffic")
		}
		if _, err := s.ImportTraffic(ctx, TrafficRequest{ShopCode: sh.Code, Level: TrafficProduct, Files: []InputFile{{Path: prodFile, Name: filepath.Base(prodFile)}}}); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) demoCatalog(ctx context.Context, products []gen.Product) error {
	ids := map[string]int64{}
	for _, p := range products {
		pid, ok := ids[p.Title]
		if !ok {
			prod, err := s.catalog.CreateProduct(ctx, catalog.Product{Code: "SPU-" + p.MerchantCode[3:], Name: p.Title, Category: "家居日用"})
			if err != nil {
				return err
			}
			pid = prod.ID
			ids[p.Title] = pid
		}
		if _, err := s.catalog.CreateSKU(ctx, catalog.SKU{ProductID: &pid, MerchantCode: p.MerchantCode, Name: p.Title + " " + p.Attrs,
			Attributes: p.Attrs, CostFen: p.CostFen}); err != nil {
			return err
		}
	}
	return nil
}

func writeDemoOrders(dir string, sh DemoShop, seq iter.Seq[gen.Order]) ([]InputFile, error) {
	name := func(n string) InputFile { return InputFile{Path: filepath.Join(dir, n), Name: n} }
	switch sh.Platform {
	case "taobao", "tmall":
		o, it := name(sh.Code+"-ExportOrderList.csv"), name(sh.Code+"-ExportOrderDetailList.csv")
		of, err := os.Create(o.Path)
		if err != nil {
			return nil, err
		}
		defer of.Close()
		itf, err := os.Create(it.Path)
		if err != nil {
			return nil, err
		}
		defer itf.Close()
		return []InputFile{o, it}, gen.WriteTaobao(of, itf, seq)
	case "jd", "pdd", "douyin":
		f := name(fmt.Sprintf("%s-%s-orders.csv", sh.Code, sh.Platform))
		write := map[string]func(io.Writer, iter.Seq[gen.Order]) error{"jd": gen.WriteJD, "pdd": gen.WritePDD, "douyin": gen.WriteDouyin}[sh.Platform]
		return []InputFile{f}, writeFile(f.Path, func(w io.Writer) error { return write(w, seq) })
	}
	return nil, fmt.Errorf("no demo format for platform %s", sh.Platform)
}

func writeFile(path string, fn func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := fn(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
