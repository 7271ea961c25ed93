using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;
using Xunit;

namespace HaScheduler.MongoEmulator.Tests.Engine;

public class PipelineTests
{
    private static readonly ExpressionContext Context =
        new(new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc), new BsonTimestamp(1_740_000_000, 1));

    private static List<BsonDocument> Run(string pipeline, IEnumerable<BsonDocument> input) =>
        Pipeline.Parse(BsonSerializerHelpers.ParseArray(pipeline)).Run(input, Context).ToList();

    private static List<BsonDocument> Numbers(int count) =>
        Enumerable.Range(1, count)
            .Select(i => new BsonDocument { { "_id", i }, { "k", i % 2 }, { "v", i } })
            .ToList();

    private static BsonArray CountDocumentsPipeline(BsonDocument filter, long? skip, long? limit)
    {
        var stages = new BsonArray { new BsonDocument("$match", filter) };
        if (skip is not null)
        {
            stages.Add(new BsonDocument("$skip", new BsonInt64(skip.Value)));
        }

        if (limit is not null)
        {
            stages.Add(new BsonDocument("$limit", new BsonInt64(limit.Value)));
        }

        stages.Add(BsonDocument.Parse("{$group: {_id: 1, n: {$sum: 1}}}"));
        return stages;
    }

    [Fact]
    public void Run_should_count_three_when_count_documents_skips_two_and_limits_three_of_ten()
    {
        var pipeline = Pipeline.Parse(CountDocumentsPipeline([], 2, 3));

        var result = pipeline.Run(Numbers(10), Context).ToList();

        Assert.Single(result);
        Assert.Equal(BsonDocument.Parse("{_id: 1, n: 3}"), result[0]);
    }

    [Fact]
    public void Run_should_return_no_result_when_count_documents_runs_on_an_empty_collection()
    {
        var pipeline = Pipeline.Parse(CountDocumentsPipeline([], null, null));

        var result = pipeline.Run([], Context).ToList();

        Assert.Empty(result);
    }

    [Fact]
    public void Run_should_count_matching_documents_when_count_documents_has_a_filter()
    {
        var pipeline = Pipeline.Parse(CountDocumentsPipeline(new BsonDocument("k", 1), null, null));

        var result = pipeline.Run(Numbers(10), Context).Single();

        Assert.Equal(5, result["n"].AsInt32);
    }

    [Theory]
    [InlineData("[{$skip: 8}]", new[] { 9, 10 })]
    [InlineData("[{$skip: NumberLong(9)}]", new[] { 10 })]
    [InlineData("[{$limit: 2.0}]", new[] { 1, 2 })]
    [InlineData("[{$limit: NumberLong(1)}]", new[] { 1 })]
    [InlineData("[{$match: {v: {$gt: 7}}}, {$sort: {v: -1}}]", new[] { 10, 9, 8 })]
    [InlineData("[{$sort: {k: 1, v: -1}}, {$limit: 3}]", new[] { 10, 8, 6 })]
    [InlineData("[{$match: {$expr: {$eq: ['$v', 4]}}}]", new[] { 4 })]
    [InlineData("[{$skip: 100}]", new int[0])]
    public void Run_should_filter_order_and_page_documents(string pipeline, int[] expectedIds)
    {
        var result = Run(pipeline, Numbers(10));

        Assert.Equal(expectedIds, result.Select(d => d["_id"].AsInt32).ToArray());
    }

    [Theory]
    [InlineData("[{$project: {v: 1, _id: 0}}]", "{v: 1}")]
    [InlineData("[{$project: {w: {$multiply: ['$v', 10]}}}]", "{_id: 1, w: 10}")]
    [InlineData("[{$addFields: {w: {$add: ['$v', 1]}}}]", "{_id: 1, k: 1, v: 1, w: 2}")]
    [InlineData("[{$set: {k: '$$REMOVE'}}]", "{_id: 1, v: 1}")]
    [InlineData("[{$unset: 'k'}]", "{_id: 1, v: 1}")]
    [InlineData("[{$replaceWith: {x: '$v'}}]", "{x: 1}")]
    [InlineData("[{$replaceRoot: {newRoot: {y: '$k'}}}]", "{y: 1}")]
    [InlineData("[{$count: 'total'}]", "{total: 1}")]
    [InlineData("[{$set: {now: '$$NOW'}}, {$project: {now: 1, _id: 0}}]", "{now: ISODate('2025-03-01T00:00:00Z')}")]
    public void Run_should_reshape_documents_when_shaping_stages_are_used(string pipeline, string expected)
    {
        var result = Run(pipeline, Numbers(1));

        Assert.Equal(BsonDocument.Parse(expected).ToJson(), Assert.Single(result).ToJson());
    }

    [Fact]
    public void Run_should_group_by_field_with_accumulators()
    {
        const string Pipeline =
            "[{$group: {_id: '$k', n: {$sum: 1}, total: {$sum: '$v'}, lo: {$min: '$v'}, hi: {$max: '$v'}, "
            + "first: {$first: '$v'}, last: {$last: '$v'}, avg: {$avg: '$v'}, all: {$push: '$v'}, "
            + "kinds: {$addToSet: '$k'}, c: {$count: {}}}}]";

        var result = Run(Pipeline, Numbers(4));

        Assert.Equal(2, result.Count);
        Assert.Equal(
            BsonDocument.Parse("{_id: 1, n: 2, total: 4, lo: 1, hi: 3, first: 1, last: 3, avg: 2.0, all: [1, 3], "
                + "kinds: [1], c: 2}").ToJson(),
            result[0].ToJson());
        Assert.Equal(0, result[1]["_id"].AsInt32);
    }

    [Fact]
    public void Run_should_put_equal_numbers_in_one_group_when_types_differ()
    {
        var input = new[] { new BsonDocument("g", 1), new BsonDocument("g", 1L), new BsonDocument("g", 1.0) };

        var result = Run("[{$group: {_id: '$g', n: {$sum: 1}}}]", input);

        Assert.Equal(3, Assert.Single(result)["n"].AsInt32);
    }

    [Fact]
    public void Run_should_group_everything_when_group_id_is_null()
    {
        var result = Run("[{$group: {_id: null, s: {$sum: '$v'}}}]", Numbers(4));

        Assert.Equal(BsonDocument.Parse("{_id: null, s: 10}"), Assert.Single(result));
    }

    [Fact]
    public void Run_should_widen_sum_to_int64_when_int32_overflows()
    {
        var input = new[] { new BsonDocument("v", int.MaxValue), new BsonDocument("v", 1) };

        var result = Run("[{$group: {_id: null, s: {$sum: '$v'}}}]", input);

        Assert.Equal(new BsonInt64(2147483648L), Assert.Single(result)["s"]);
    }

    [Fact]
    public void Run_should_emit_one_document_per_element_when_unwinding()
    {
        var input = new[] { BsonDocument.Parse("{_id: 1, a: [1, 2]}"), BsonDocument.Parse("{_id: 2, a: []}") };

        var result = Run("[{$unwind: '$a'}]", input);

        Assert.Equal(["{ \"_id\" : 1, \"a\" : 1 }", "{ \"_id\" : 1, \"a\" : 2 }"], result.Select(d => d.ToJson()));
    }

    [Fact]
    public void StageNames_should_list_stages_in_order()
    {
        var pipeline = Pipeline.Parse(BsonSerializerHelpers.ParseArray("[{$changeStream: {}}, {$match: {a: 1}}]"));

        Assert.Equal(["$changeStream", "$match"], pipeline.StageNames);
    }

    [Theory]
    [InlineData("[{$foo: {}}]", 40324, "Unrecognized pipeline stage name: '$foo'")]
    [InlineData("[{$lookup: {}}]", 238, "$lookup")]
    [InlineData("[{$facet: {}}]", 238, "$facet")]
    [InlineData("[{$unionWith: 'x'}]", 238, "$unionWith")]
    [InlineData("[{$out: 'x'}]", 238, "$out")]
    [InlineData("[{$merge: 'x'}]", 238, "$merge")]
    [InlineData("[{$graphLookup: {}}]", 238, "$graphLookup")]
    [InlineData("[{$bucket: {}}]", 238, "$bucket")]
    [InlineData("[{$limit: 0}]", 15958, "$limit")]
    [InlineData("[{$skip: -1}]", 15958, "$skip")]
    [InlineData("[{$limit: 1.5}]", 15958, "$limit")]
    [InlineData("[{$match: {a: 1}, $limit: 1}]", 40323, "exactly one field")]
    [InlineData("[{$group: {n: {$sum: 1}}}]", 15955, "_id")]
    [InlineData("[{$group: {_id: null, n: {$median: 1}}}]", 15952, "$median")]
    [InlineData("[{$count: '$x'}]", 40156, "count")]
    [InlineData("[{$project: {}}]", 51272, "at least one field")]
    [InlineData("[{$sort: {a: 0}}]", 15975, "$sort")]
    public void Parse_should_throw_error_naming_the_stage_when_stage_is_invalid(
        string pipeline, int code, string fragment)
    {
        var stages = BsonSerializerHelpers.ParseArray(pipeline);

        var error = Assert.Throws<MongoCommandError>(() => Pipeline.Parse(stages));

        Assert.Equal(code, error.Code);
        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void Parse_should_use_location_code_name_when_stage_is_unknown()
    {
        var error = Assert.Throws<MongoCommandError>(() => Pipeline.Parse([new BsonDocument("$foo", 1)]));

        Assert.Equal("Location40324", error.CodeName);
    }

    [Fact]
    public void Run_should_throw_when_replace_root_target_is_not_a_document()
    {
        var pipeline = Pipeline.Parse(BsonSerializerHelpers.ParseArray("[{$replaceWith: '$v'}]"));

        var error = Assert.Throws<MongoCommandError>(() => pipeline.Run(Numbers(1), Context).ToList());

        Assert.Equal(40228, error.Code);
    }
}
