using HaScheduler.Messages;
using MongoDB.Bson;

namespace HaScheduler.Node.Storage;

/// <summary>
/// Explicit mapping between <see cref="Schedule"/> and its <c>schedules</c> document (snake_case, BSON dates,
/// wire names for enums). Only the definition group of the schedule's type is written, always in the same
/// field order, so two definitions are equal exactly when their documents are.
/// </summary>
public static class ScheduleDocumentMapper
{
    private const string Id = Fields.Id;
    private const string Name = Fields.Name;
    private const string Type = Fields.Type;
    private const string Definition = Fields.Definition;
    private const string Misfire = Fields.MisfirePolicy;
    private const string CreatedAt = Fields.CreatedAt;
    private const string UpdatedAt = Fields.UpdatedAt;
    private const string AnchorAt = Fields.AnchorAt;
    private const string Version = Fields.Version;

    private const string CronExpression = "cron_expression";
    private const string TimeZone = "time_zone";
    private const string Interval = "interval";
    private const string Times = "times";

    public static BsonDocument ToDocument(Schedule schedule) => new()
    {
        { Id, schedule.Id },
        { Name, schedule.Spec.Name },
        { Type, ScheduleTypes.ToWire(schedule.Spec.Type) },
        { Definition, DefinitionToBson(schedule.Spec.Type, schedule.Spec.Definition) },
        { Misfire, MisfireToWire(schedule.Spec.Misfire) },
        { CreatedAt, MongoTime.ToBson(schedule.CreatedAt) },
        { UpdatedAt, MongoTime.ToBson(schedule.UpdatedAt) },
        { AnchorAt, MongoTime.ToBson(schedule.AnchorAt) },
        { Version, new BsonInt64(schedule.Version) },
    };

    public static Schedule FromDocument(BsonDocument document)
    {
        var typeWire = document[Type].AsString;
        if (!ScheduleTypes.TryParse(typeWire, out var type))
        {
            throw new FormatException($"Unknown schedule type '{typeWire}' in {document[Id]}.");
        }

        var spec = new ScheduleSpec(
            document[Name].AsString,
            type,
            DefinitionFromBson(document[Definition].AsBsonDocument),
            MisfireFromWire(document.GetValue(Misfire, BsonNull.Value)));
        return new Schedule(
            document[Id].AsString,
            spec,
            MongoTime.FromBson(document[CreatedAt]),
            MongoTime.FromBson(document[UpdatedAt]),
            MongoTime.FromBson(document[AnchorAt]),
            document[Version].ToInt64());
    }

    /// <summary>The canonical <c>definition</c> subdocument: the type's group only, nulls omitted.</summary>
    public static BsonDocument DefinitionToBson(ScheduleType type, ScheduleDefinition definition)
    {
        var document = new BsonDocument();
        switch (type)
        {
            case ScheduleType.Cron:
                document.Add(CronExpression, definition.CronExpression ?? string.Empty);
                document.Add(TimeZone, definition.TimeZone, definition.TimeZone is not null);
                break;
            case ScheduleType.Duration:
                document.Add(Interval, definition.Interval ?? string.Empty);
                break;
            case ScheduleType.AtTimes:
                var times = (definition.Times ?? []).Select(t => new BsonDateTime(MongoTime.ToBson(t)));
                document.Add(Times, new BsonArray(times));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, null);
        }

        return document;
    }

    public static ScheduleDefinition DefinitionFromBson(BsonDocument document) => new(
        CronExpression: document.TryGetValue(CronExpression, out var cron) ? cron.AsString : null,
        TimeZone: document.TryGetValue(TimeZone, out var zone) && !zone.IsBsonNull ? zone.AsString : null,
        Interval: document.TryGetValue(Interval, out var interval) ? interval.AsString : null,
        Times: document.TryGetValue(Times, out var times)
            ? times.AsBsonArray.Select(MongoTime.FromBson).ToList()
            : null);

    public static string MisfireToWire(MisfirePolicy policy) => policy switch
    {
        MisfirePolicy.FireOnce => "fire_once",
        MisfirePolicy.FireAll => "fire_all",
        MisfirePolicy.Skip => "skip",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, null),
    };

    /// <summary>A missing policy reads as the default, <c>fire_once</c>.</summary>
    public static MisfirePolicy MisfireFromWire(BsonValue wire) => wire.IsString ? wire.AsString switch
    {
        "fire_once" => MisfirePolicy.FireOnce,
        "fire_all" => MisfirePolicy.FireAll,
        "skip" => MisfirePolicy.Skip,
        var other => throw new FormatException($"Unknown misfire policy '{other}'."),
    } : MisfirePolicy.FireOnce;

    /// <summary>Field names of a <c>schedules</c> document.</summary>
    public static class Fields
    {
        public const string Id = "_id";
        public const string Name = "name";
        public const string Type = "type";
        public const string Definition = "definition";
        public const string MisfirePolicy = "misfire_policy";
        public const string CreatedAt = "created_at";
        public const string UpdatedAt = "updated_at";
        public const string AnchorAt = "anchor_at";
        public const string Version = "version";
    }
}
