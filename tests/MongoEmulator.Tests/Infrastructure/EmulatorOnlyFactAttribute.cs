using Xunit;

namespace HaScheduler.MongoEmulator.Tests.Infrastructure;

/// <summary>A test that needs the in-process emulator (restart, fault injection APIs, raw sockets).</summary>
public sealed class EmulatorOnlyFactAttribute : FactAttribute
{
    public EmulatorOnlyFactAttribute()
    {
        if (MongoTarget.ExternalUri is not null) Skip = "emulator-only: needs the in-process server handle";
    }
}
