module example.com/samebase

go 1.21
