namespace HaScheduler.Cli.Tests;

/// <summary>Bodies as the node writes them (snake_case).</summary>
internal static class ApiSamples
{
    public const string ClusterStatus = """
        {"node":"127.0.0.1:4053","self_status":"up","leader":"127.0.0.1:4054",
         "members":[
           {"address":"127.0.0.1:4053","status":"up","roles":[],"reachable":true,"app_version":"1.0.0",
            "up_since":"2026-12-03T15:47:28.5Z"},
           {"address":"127.0.0.1:4054","status":"up","roles":["scheduler"],"reachable":true,"app_version":"1.0.0"},
           {"address":"127.0.0.1:4055","status":"up","roles":[],"reachable":false,"app_version":"1.0.1"}],
         "unreachable":["127.0.0.1:4055"],
         "scheduler":{"node":"127.0.0.1:4054","epoch":42,"started_at":"2025-03-14T22:17:05Z","schedules":3,
           "active_schedule_actors":3,"fired_last_minute":17,"skipped":2,"last_change_applied_at":null,
           "oldest_pending_claim":null},
         "leases":[{"name":"hascheduler-scheduler","holder":"127.0.0.1:4054","epoch":42,
           "acquired_at":"2025-03-14T22:17:04Z","renewed_at":"2025-03-14T22:18:00Z",
           "expires_at":"2025-03-14T22:18:10Z"}]}
        """;

    public const string ClusterStatusWithoutScheduler = """
        {"node":"127.0.0.1:4053","self_status":"up","leader":"127.0.0.1:4053",
         "members":[{"address":"127.0.0.1:4053","status":"up","roles":[],"reachable":true,"app_version":"1.0.0"}],
         "unreachable":[],"scheduler":null,"leases":[]}
        """;

    public const string Schedule = """
        {"id":"sch_0001","name":"Internal test","type":"duration","definition":{"interval":"300ms"},
         "misfire_policy":"fire_once","created_at":"2025-03-14T22:17:05Z","updated_at":"2025-03-14T22:17:05Z",
         "version":1,"next_fire_at":"2025-03-14T22:17:05.3Z"}
        """;

    public static readonly string SchedulePage =
        $$"""{"items":[{{Schedule}},{{Schedule.Replace("sch_0001", "sch_0002")}}],"next_after":"sch_0002"}""";

    public const string RunPage = """
        {"items":[
          {"occurrence":"2025-03-14T22:17:06Z","fired_at":"2025-03-14T22:17:06.004Z","node":"127.0.0.1:4054",
           "epoch":42,"status":"fired"},
          {"occurrence":"2025-03-14T22:17:05Z","fired_at":null,"node":"127.0.0.1:4054","epoch":42,
           "status":"failed","error":"boom"}],
         "next_before":null}
        """;

    public const string NotFoundProblem = """
        {"type":"https://tools.ietf.org/html/rfc9110#section-15.5.5","title":"Schedule not found","status":404,
         "detail":"There is no schedule with id 'sch_nope'.","errors":{"id":["no schedule has id 'sch_nope'"]}}
        """;

    public const string InvalidProblem = """
        {"title":"Invalid request","status":400,"detail":"One or more fields are invalid; nothing was changed.",
         "errors":{"name":["must not be empty"],"definition.interval":["'0s' is below the minimum 100ms"]}}
        """;
}
