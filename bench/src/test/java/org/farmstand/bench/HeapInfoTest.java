package org.farmstand.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeapInfoTest {

    @Test
    void g1HasOneHeapLine() {
        String info = """
                1632:
                 garbage-first heap   total 265216K, used 202354K [0x00000000d0000000, 0x0000000100000000)
                  region size 1024K, 63 young (64512K), 6 survivors (6144K)
                 Metaspace       used 145104K, committed 146432K, reserved 1179648K
                  class space    used 17747K, committed 18432K, reserved 1048576K
                """;
        assertThat(LoadBench.usedHeapKiB(info)).isEqualTo(202354);
    }

    @Test
    void theParallelCollectorsGenerationsAreAddedUp() {
        String info = """
                1632:
                 PSYoungGen      total 178176K, used 44K [0x00000000f0000000, 0x00000000fb880000, 0x0000000100000000)
                  eden space 176640K, 0% used [0x00000000f0000000,0x00000000f000b1c8,0x00000000fac80000)
                  from space 1536K, 0% used [0x00000000fb180000,0x00000000fb180000,0x00000000fb300000)
                  to   space 5120K, 0% used [0x00000000fb380000,0x00000000fb380000,0x00000000fb880000)
                 ParOldGen       total 258048K, used 112393K [0x00000000d0000000, 0x00000000dfc00000, 0x00000000f0000000)
                  object space 258048K, 43% used [0x00000000d0000000,0x00000000d6dc2550,0x00000000dfc00000)
                 Metaspace       used 142234K, committed 143488K, reserved 1179648K
                  class space    used 17607K, committed 18240K, reserved 1048576K
                """;
        assertThat(LoadBench.usedHeapKiB(info)).isEqualTo(44 + 112393);
    }

    @Test
    void nothingKnownIsMinusOne() {
        assertThat(LoadBench.usedHeapKiB("1632:\ncom.sun.tools.attach.AttachNotSupportedException")).isEqualTo(-1);
    }
}
