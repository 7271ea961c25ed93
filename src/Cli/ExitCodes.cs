namespace HaScheduler.Cli;

/// <summary>What <c>hascheduler</c> returns, so scripts can tell a refusal from an outage.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The node answered with an error (a problem response, or an unexpected status).</summary>
    public const int ApiError = 1;

    /// <summary>Bad arguments or options; nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>The node could not be reached (connection refused, unknown host, timeout).</summary>
    public const int Unreachable = 3;
}
