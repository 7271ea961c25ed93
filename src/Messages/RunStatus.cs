namespace HaScheduler.Messages;

/// <summary>Outcome of one occurrence in the run ledger.</summary>
public enum RunStatus
{
    /// <summary>Claimed by a leader; the action has not reported yet.</summary>
    Claimed,

    /// <summary>The action ran.</summary>
    Fired,

    /// <summary>The action threw.</summary>
    Failed,

    /// <summary>Missed while nobody led and not fired, by the misfire policy.</summary>
    Skipped,

    /// <summary>Claimed by a leader that died before reporting; it may or may not have run.</summary>
    Unknown,
}
