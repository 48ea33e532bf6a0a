"""Analytics of a submitted attempt: by subject and chapter, weakest chapters, percentile."""
