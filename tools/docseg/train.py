"""Trains the document segmenter that package quality embeds (quality/model/docseg.onnx).

Usage (Debian 12: apt-get install python3-torch python3-opencv):
    go run ./tools/docseg -seeds 200-214 -out /tmp/docseg
    THREADS=2 STEPS=100 python3 tools/docseg/train.py /tmp/docseg quality/model/docseg.onnx 60

The model sees a photo in grey levels squashed to 128 x 128, standardised (mean 0, standard deviation
1), and answers a 64 x 64 map of logits that each cell lies on the document. It is a small U-Net: a
stride-2 stem, five levels of two 3 x 3 convolutions (16 to 64 channels) down and back up.

Every training sample is a photo of the synthetic corpus made again: a random crop (which cuts the
document off, as a real frame does), squashed to the square whatever its shape (a frame resized by an
app or a dataset), turned, mirrored, with patches of other photos pasted inside the document (a real
portrait, a hologram: foreign print on the card is still the card), a softer capture, blur, gamma,
contrast, uneven light and noise. Nothing of the real photos the project measures on is used.
"""
import json, sys, os, math, random, time
import numpy as np, cv2, torch, torch.nn as nn, torch.nn.functional as F

S = 128
rng = random.Random(1)

def load(dirs, maxside=400):
    data = []
    for d in dirs:
        for l in open(os.path.join(d, 'labels.jsonl')):
            r = json.loads(l)
            im = cv2.imread(os.path.join(d, r['file']), cv2.IMREAD_GRAYSCALE)
            if im is None: continue
            s = maxside / max(im.shape)
            im = cv2.resize(im, (int(im.shape[1]*s+.5), int(im.shape[0]*s+.5)), interpolation=cv2.INTER_AREA)
            q = np.array(r['corners'], np.float32) * s if r.get('corners') else None
            data.append((im, q))
    return data

pool = []

def sample(im, q):
    h, w = im.shape
    # random crop: area share and aspect
    for _ in range(10):
        a = rng.uniform(0.45, 1.0) if rng.random() < 0.6 else 1.0
        ar = math.exp(rng.uniform(-0.6, 0.6))
        cw = min(w, int(w * math.sqrt(a) * math.sqrt(ar)))
        ch = min(h, int(h * math.sqrt(a) / math.sqrt(ar)))
        if cw > 40 and ch > 40: break
    x0 = rng.randint(0, w - cw); y0 = rng.randint(0, h - ch)
    # affine: crop -> S x S with small rotation, flips, 90-degree turns
    src = np.float32([[x0, y0], [x0 + cw, y0], [x0, y0 + ch]])
    dst = np.float32([[0, 0], [S, 0], [0, S]])
    M = cv2.getAffineTransform(src, dst)
    ang = rng.uniform(-12, 12) if rng.random() < 0.5 else 0
    R = cv2.getRotationMatrix2D((S/2, S/2), ang, rng.uniform(0.9, 1.1))
    M = np.vstack([R, [0, 0, 1]]) @ np.vstack([M, [0, 0, 1]])
    k = rng.randint(0, 3)
    for _ in range(k):  # rotate 90 degrees about the centre
        T = np.array([[0, 1, 0], [-1, 0, S], [0, 0, 1]], np.float64)
        M = T @ M
    if rng.random() < 0.5:
        M = np.array([[-1, 0, S], [0, 1, 0], [0, 0, 1]], np.float64) @ M
    M2 = M[:2].astype(np.float32)
    x = cv2.warpAffine(im, M2, (S, S), flags=cv2.INTER_AREA if cw > 2*S else cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    m = np.zeros((S, S), np.uint8)
    if q is not None:
        qq = cv2.transform(q[None], M2)[0]
        cv2.fillPoly(m, [np.round(qq * 8).astype(np.int32)], 255, lineType=cv2.LINE_AA, shift=3)
    # foreign content printed on the document (a real portrait, a hologram, a pattern): patches of
    # other photos pasted inside its region, which stays the document
    if q is not None and pool and rng.random() < 0.5:
        inside = m > 127
        ys, xs = np.nonzero(inside)
        for _ in range(rng.randint(1, 2)):
            if len(xs) == 0: break
            src, _ = pool[rng.randrange(len(pool))]
            pw, ph = rng.randint(S // 10, S // 3), rng.randint(S // 10, S // 3)
            sh, sw = src.shape
            if sh < ph + 1 or sw < pw + 1: continue
            sy0, sx0 = rng.randint(0, sh - ph), rng.randint(0, sw - pw)
            k = rng.randrange(len(xs))
            cx, cy = xs[k], ys[k]
            x0_, y0_ = max(0, cx - pw // 2), max(0, cy - ph // 2)
            x1_, y1_ = min(S, x0_ + pw), min(S, y0_ + ph)
            patch = src[sy0:sy0 + (y1_ - y0_), sx0:sx0 + (x1_ - x0_)]
            region = inside[y0_:y1_, x0_:x1_]
            x[y0_:y1_, x0_:x1_][region] = patch[region]
    # photometric: soft capture, blur, gamma, contrast, noise
    x = x.astype(np.float32)
    if rng.random() < 0.5:
        r = rng.uniform(0.35, 0.9)
        sm = cv2.resize(x, (max(16, int(S*r)), max(16, int(S*r))), interpolation=cv2.INTER_AREA)
        x = cv2.resize(sm, (S, S), interpolation=cv2.INTER_CUBIC)
    if rng.random() < 0.3:
        x = cv2.GaussianBlur(x, (0, 0), rng.uniform(0.5, 2.0))
    x = np.clip(x, 0, 255) / 255.0
    x = x ** math.exp(rng.uniform(-0.6, 0.6))
    x = x * rng.uniform(0.5, 1.3) + rng.uniform(-0.2, 0.2)
    if rng.random() < 0.5:  # uneven light
        gx, gy = np.meshgrid(np.linspace(-1, 1, S), np.linspace(-1, 1, S))
        x = x + rng.uniform(-0.25, 0.25) * gx + rng.uniform(-0.25, 0.25) * gy
    x = x + np.random.normal(0, rng.uniform(0, 0.04), x.shape)
    x = np.clip(x, 0, 1)
    return x.astype(np.float32), cv2.resize(m.astype(np.float32) / 255, (S // 2, S // 2), interpolation=cv2.INTER_AREA)

def norm(x):
    return (x - x.mean()) / (x.std() + 1e-3)

def block(i, o):
    return nn.Sequential(nn.Conv2d(i, o, 3, padding=1, bias=False), nn.BatchNorm2d(o), nn.ReLU(inplace=True),
                         nn.Conv2d(o, o, 3, padding=1, bias=False), nn.BatchNorm2d(o), nn.ReLU(inplace=True))

class Net(nn.Module):
    def __init__(s, c=(16, 24, 32, 48, 64)):
        super().__init__()
        s.stem = nn.Sequential(nn.Conv2d(1, 12, 3, stride=2, padding=1, bias=False), nn.BatchNorm2d(12), nn.ReLU(inplace=True))
        s.e = nn.ModuleList([block(12, c[0])] + [block(c[i-1], c[i]) for i in range(1, len(c))])
        s.d = nn.ModuleList([block(c[i] + c[i-1], c[i-1]) for i in range(len(c)-1, 0, -1)])
        s.out = nn.Conv2d(c[0], 1, 1)
    def forward(s, x):
        skips = []
        x = s.stem(x)
        for i, b in enumerate(s.e):
            if i: x = F.max_pool2d(x, 2)
            x = b(x); skips.append(x)
        skips.pop()
        for b in s.d:
            x = F.interpolate(x, scale_factor=2, mode='nearest')
            x = b(torch.cat([x, skips.pop()], 1))
        return s.out(x)

def main():
    dirs = sys.argv[1].split(',')
    out = sys.argv[2]
    epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    torch.set_num_threads(int(os.environ.get('THREADS', '2')))
    torch.manual_seed(1); np.random.seed(1)
    data = load(dirs)
    pool.extend(data)
    print('images', len(data), 'with doc', sum(q is not None for _, q in data), flush=True)
    net = Net()
    print('params', sum(p.numel() for p in net.parameters()), flush=True)
    opt = torch.optim.AdamW(net.parameters(), 3e-3, weight_decay=1e-4)
    per = int(os.environ.get('STEPS', '100'))
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, 3e-3, total_steps=epochs * per)
    t0 = time.time()
    for ep in range(epochs):
        net.train(); tl = 0
        for it in range(per):
            xs, ms = [], []
            for _ in range(32):
                im, q = data[rng.randrange(len(data))]
                x, m = sample(im, q); xs.append(norm(x)); ms.append(m)
            X = torch.from_numpy(np.stack(xs)[:, None]); M = torch.from_numpy(np.stack(ms)[:, None])
            y = net(X)
            p = torch.sigmoid(y)
            dice = 1 - (2 * (p * M).sum((1, 2, 3)) + 1) / (p.sum((1, 2, 3)) + M.sum((1, 2, 3)) + 1)
            loss = F.binary_cross_entropy_with_logits(y, M) + 0.5 * dice.mean()
            opt.zero_grad(); loss.backward(); opt.step(); sched.step()
            tl += loss.item()
        print(f'epoch {ep} loss {tl/per:.4f} {time.time()-t0:.0f}s', flush=True)
        torch.save(net.state_dict(), out + '.pt')
    net.eval()
    torch.onnx.export(net, torch.zeros(1, 1, S, S), out, opset_version=11, input_names=['image'], output_names=['mask'], do_constant_folding=True)
    print('saved', out)

if __name__ == '__main__':
    main()
