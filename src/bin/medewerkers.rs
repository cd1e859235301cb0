fn main() {
    omzien::start_staff();
}
