"""The snapshot builder on Parquet files written by pandas / pyarrow, as the study's dataset is:
large strings, a nanosecond timestamp, a list column, dictionary-encoded strings, Snappy and Zstandard.
Each must give exactly the shares and totals of the same rows as CSV. Run by scripts/test.sh with the
path of a built `oms` (feature builder)."""
import json
import pathlib
import subprocess
import sys
import tempfile

import pyarrow as pa
import pyarrow.parquet as pq

oms = sys.argv[1]
root = pathlib.Path(__file__).resolve().parent.parent
snapshot = root / "public/data/snapshot.json"

# Two years of weekly rows for 40 models, including a counter reset and models with no country.
countries = ["China", "USA", "User", "Germany", "International / Online", None, "Asia", "France"]
rows = {"model": [], "author": [], "time": [], "downloadsAllTime": [], "merged_country_groups_single": [], "org_country": []}
for m in range(40):
    total = 1000 * m
    for week in range(104):
        total += (m * 37 + week * 11) % 500
        if m == 7 and week == 50:
            total -= 3000  # a counter reset
        rows["model"].append(f"org{m % 9}/model-{m}")
        rows["author"].append(f"org{m % 9}")
        rows["time"].append((1_706_659_200 + week * 7 * 86_400) * 1_000_000_000)  # from 2024-01-31
        rows["downloadsAllTime"].append(max(total, 0))
        rows["merged_country_groups_single"].append(countries[m % len(countries)])
        rows["org_country"].append([] if countries[m % len(countries)] is None else [countries[m % len(countries)]])
table = pa.table({
    "model": pa.array(rows["model"], pa.large_string()),
    "author": pa.array(rows["author"]).dictionary_encode(),
    "time": pa.array(rows["time"], pa.timestamp("ns")),
    "downloadsAllTime": pa.array(rows["downloadsAllTime"], pa.int64()),
    "merged_country_groups_single": pa.array(rows["merged_country_groups_single"], pa.large_string()),
    "org_country": pa.array(rows["org_country"], pa.list_(pa.string())),
})


def build(path, tmp):
    out = pathlib.Path(tmp) / (path.name + ".json")
    run = subprocess.run(
        [oms, "build-series", str(path), "--revision", "check", "--generated", "2026-11-29",
         "--snapshot", str(snapshot), "--out", str(out)],
        capture_output=True, text=True,
    )
    if run.returncode != 0:
        sys.exit(f"{path.name}: oms build-series failed:\n{run.stdout}\n{run.stderr}")
    doc = json.loads(out.read_text())
    return [
        [{k: v for k, v in value.items() if k != "locator"} for value in m["values"]]
        for m in doc["metrics"] if m["id"].startswith("computed-")
    ], run.stdout


with tempfile.TemporaryDirectory() as tmp:
    csv = pathlib.Path(tmp) / "rows.csv"
    with csv.open("w") as f:
        f.write("model,author,time,downloadsAllTime,merged_country_groups_single\n")
        for i in range(len(rows["model"])):
            day = pa.scalar(rows["time"][i], pa.timestamp("ns")).as_py().date().isoformat()
            country = rows["merged_country_groups_single"][i] or ""
            f.write(f'{rows["model"][i]},{rows["author"][i]},{day},{rows["downloadsAllTime"][i]},"{country}"\n')
    expected, log = build(csv, tmp)
    if "counter resets (rule hold): 1" not in log:
        sys.exit(f"the counter reset was not reported:\n{log}")
    failed = 0
    for codec in ["snappy", "zstd"]:
        path = pathlib.Path(tmp) / f"rows-{codec}.parquet"
        pq.write_table(table, path, compression=codec)
        got, _ = build(path, tmp)
        same = got == expected
        print(f"pyarrow {codec}: {sum(len(m) for m in got)} computed values, {'the same as CSV' if same else 'DIFFERENT from CSV'}")
        failed += not same
    print(f"pyarrow: {2 - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
