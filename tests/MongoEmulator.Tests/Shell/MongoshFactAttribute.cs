using Xunit;

namespace HaScheduler.MongoEmulator.Tests.Shell;

/// <summary>
/// A fact that needs the MongoDB Shell: <c>MONGOSH_PATH</c>, the copy <c>.ci/run</c> installs under
/// <c>.tools/</c>, or <c>mongosh</c> on PATH. Skipped, with the reason, when none is there.
/// </summary>
public sealed class MongoshFactAttribute : FactAttribute
{
    public MongoshFactAttribute()
    {
        if (Mongosh.Find() is null)
        {
            Skip = "mongosh is not installed (set MONGOSH_PATH or run .ci/run, which installs it)";
        }
    }
}
