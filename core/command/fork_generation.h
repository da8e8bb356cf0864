// Fork detection without a system call per command. A client made before fork() must refuse
// to run in the child (its loop and tend threads do not exist there); comparing getpid() on
// every command did that at the price of a system call each time.
#pragma once

namespace aero {

// How many fork()s lie between the process that loaded libaero and this one: a counter that
// a pthread_atfork child handler raises, so one relaxed load tells a forked child.
unsigned fork_generation();

}  // namespace aero
