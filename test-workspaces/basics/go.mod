module example.com/basics

go 1.21
