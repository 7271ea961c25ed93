using System.Net;
using System.Net.Sockets;

namespace HaScheduler.Cluster.Tests.Harness;

/// <summary>Free loopback ports for processes that must be told their port up front.</summary>
internal static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
