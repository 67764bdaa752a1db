from pathlib import Path

import regiokompas

SEEDS = Path(regiokompas.__file__).parent / "examples" / "seeds"
MEMO_2012 = SEEDS / "2012-05-29-memo-bergen-hoofdlijnennotitie.txt"
NIEUWSBRIEF_2020 = SEEDS / "2020-nieuwsbrief-bergen-participatiewet.txt"
