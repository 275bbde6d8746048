from schemalint.fastpath import run

run()
