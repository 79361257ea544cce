import subprocess
from tests.test_accessibility import *
def test_dbg(demo_paths, client, tmp_path):
    fs=[]
    for i,p in enumerate(demo_paths):
        f=tmp_path/f"{i}.html"; f.write_bytes(client.get(p).content); fs.append(str(f))
    r = subprocess.run(["java","-jar",str(VNU_JAR),"--format","text",*fs],capture_output=True,text=True)
    open("/tmp/dbg/vnu.txt","w").write(r.stdout+r.stderr)
