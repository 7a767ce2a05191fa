"""Developer tools apart from the render: benchmarks and the lesson's reference network."""
