namespace HaScheduler.Node.ClusterAdmin;

/// <summary>
/// Bound from configuration section <c>HaScheduler:Admin</c> (env <c>HaScheduler__Admin__Token</c>).
/// Without a token the admin actions (leave, down, handover) are disabled on this node.
/// </summary>
public sealed class AdminOptions
{
    public const string Section = "HaScheduler:Admin";

    /// <summary>Shortest token accepted: a guessable token on an endpoint that downs nodes is worse than none.</summary>
    public const int MinimumTokenLength = 16;

    /// <summary>Bearer token the admin actions require; null or empty disables them.</summary>
    public string? Token { get; set; }

    /// <summary>How long <c>POST /admin/scheduler/handover</c> waits for the scheduler to say where it runs.</summary>
    public TimeSpan AskTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public bool ActionsEnabled => !string.IsNullOrEmpty(Token);
}
