"""Thai official documents (เอกสารราชการ): Word, Excel and PDF building blocks for plan books and forms."""
